import { UsageError, parseOptions, type CliCommand } from '../command.js'
import { withServices } from '../database.js'

const command: CliCommand = {
  name: 'audit',
  summary: 'Check the audit trail has not been tampered with (sin audit verify)',
  help: `Usage: sin audit verify

Checks every entry of the audit trail's hash chain in the database DATABASE_URL names.
Exit status 0: the chain is whole (prints how many entries it checked).
Exit status 1: an entry was edited, deleted, inserted or reordered (names the first bad one).
`,
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, true)
    if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError('expected "sin audit verify"')
    const verdict = await withServices(io, (services) => services.audit.verify())
    if (verdict.ok) {
      io.stdout(`The audit trail is intact: ${verdict.checked} entries checked.\n`)
      return 0
    }
    const bad = verdict.firstBad
    io.stdout(`The audit trail has been tampered with: entry ${bad.seq} (id ${bad.id}) ${bad.problem}. ${verdict.checked} entries before it are intact.\n`)
    return 1
  },
}
export default command
