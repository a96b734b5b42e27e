import { systemActor } from '../../services/index.js'
import { UsageError, parseOptions, requireOption, type CliCommand } from '../command.js'
import { withServices } from '../database.js'

const options = {
  code: { type: 'string' },
  name: { type: 'string' },
  'decision-owner-title': { type: 'string' },
  'decision-owner-name': { type: 'string' },
  'decision-owner-email': { type: 'string' },
  'decision-owner-phone': { type: 'string' },
  'partnership-name': { type: 'string' },
  'partnership-email': { type: 'string' },
} as const

const command: CliCommand = {
  name: 'authority',
  summary: 'Add a local authority (sin authority add --code CODE --name NAME)',
  help: `Usage: sin authority add --code CODE --name NAME [settings]

Adds a local authority to the database DATABASE_URL names.
  --code CODE                     2 to 20 letters, digits or hyphens, like COV (kept upper-case)
  --name NAME                     the authority's name, like "Coventry City Council"
  --decision-owner-title TITLE    the decision owner's role title (default "Decision owner")
  --decision-owner-name NAME      --decision-owner-email EMAIL      --decision-owner-phone PHONE
  --partnership-name NAME         --partnership-email EMAIL
Admins can change the settings later on the settings pages.
`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, options, true)
    if (positionals.length !== 1 || positionals[0] !== 'add') throw new UsageError('expected "sin authority add --code CODE --name NAME"')
    const input = {
      code: requireOption(values, 'code'),
      name: requireOption(values, 'name'),
      decisionOwnerTitle: values['decision-owner-title'],
      decisionOwnerName: values['decision-owner-name'],
      decisionOwnerEmail: values['decision-owner-email'],
      decisionOwnerPhone: values['decision-owner-phone'],
      partnershipName: values['partnership-name'],
      partnershipEmail: values['partnership-email'],
    }
    const result = await withServices(io, (services) => services.authorities.add(systemActor('command line'), input))
    if (result.ok) {
      io.stdout(`Added ${result.authority.name} (${result.authority.code}).\n`)
      return 0
    }
    if (result.reason === 'invalid') throw new UsageError(Object.entries(result.errors).map(([field, message]) => `${field}: ${message}`).join('; '))
    if (result.reason === 'code-taken') throw new UsageError(`an authority with the code ${input.code.toUpperCase()} already exists`)
    throw new UsageError(result.reason)
  },
}
export default command
