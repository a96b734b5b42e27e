import { ROLES, isRole } from '../../domain/permissions/index.js'
import { systemActor } from '../../services/index.js'
import { UsageError, parseOptions, requireOption, type CliCommand, type CliIO } from '../command.js'
import { withServices } from '../database.js'

const options = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  authority: { type: 'string' },
  issuer: { type: 'string' },
  subject: { type: 'string' },
} as const

const actor = systemActor('command line')

/** The password is the first line of standard input, exactly as typed (spaces kept). */
async function readPassword(io: CliIO): Promise<string> {
  const text = await io.readStdin()
  return text.split(/\r?\n/)[0] ?? ''
}

async function add(values: Record<string, unknown>, io: CliIO): Promise<number> {
  const email = requireOption(values, 'email')
  const name = requireOption(values, 'name')
  const role = requireOption(values, 'role')
  const code = requireOption(values, 'authority')
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
  const password = await readPassword(io)
  return withServices(io, async (services) => {
    const authority = await services.authorities.getByCode(code)
    if (!authority) throw new UsageError(`there is no authority with the code ${code.toUpperCase()}`)
    const result = await services.users.add(actor, { email, name, role, password, authorityId: authority.id })
    if (result.ok) {
      const what = result.created ? 'Added' : 'Gave the existing account'
      io.stdout(`${what} ${result.user.email} the role ${role} in ${authority.name}.\n`)
      return 0
    }
    switch (result.reason) {
      case 'weak-password':
        throw new UsageError(`the password was refused: ${result.message}`)
      case 'invalid':
        throw new UsageError(Object.values(result.errors).join('; '))
      case 'already-member':
        throw new UsageError(`${email} already has a role in ${authority.name}`)
      default:
        throw new UsageError(result.reason)
    }
  })
}

async function disable(values: Record<string, unknown>, io: CliIO): Promise<number> {
  const email = requireOption(values, 'email')
  return withServices(io, async (services) => {
    const user = await services.users.findByEmail(email)
    if (!user) throw new UsageError(`there is no account for ${email}`)
    const result = await services.users.disable(actor, null, user.id)
    if (!result.ok) throw new UsageError(result.reason)
    io.stdout(`Disabled ${user.email} and ended their sessions.\n`)
    return 0
  })
}

async function linkSso(values: Record<string, unknown>, io: CliIO): Promise<number> {
  const email = requireOption(values, 'email')
  const issuer = requireOption(values, 'issuer')
  const subject = requireOption(values, 'subject')
  return withServices(io, async (services) => {
    const user = await services.users.findByEmail(email)
    if (!user) throw new UsageError(`there is no account for ${email}`)
    const result = await services.singleSignOn.link(actor, null, user.id, { issuer, subject })
    if (result.ok) {
      io.stdout(`Linked ${user.email} to the identity ${subject} at ${issuer}.\n`)
      return 0
    }
    if (result.reason === 'invalid') throw new UsageError(Object.entries(result.errors).map(([field, message]) => `--${field}: ${message}`).join('; '))
    if (result.reason === 'already-linked') throw new UsageError(`the identity ${subject} at ${issuer} is already linked to a user`)
    throw new UsageError(result.reason)
  })
}

async function resetMfa(values: Record<string, unknown>, io: CliIO): Promise<number> {
  const email = requireOption(values, 'email')
  return withServices(io, async (services) => {
    const user = await services.users.findByEmail(email)
    if (!user) throw new UsageError(`there is no account for ${email}`)
    const result = await services.multiFactor.reset(actor, user.id)
    if (!result.ok) throw new UsageError(result.reason === 'not-enrolled' ? `${user.email} has no authenticator app` : result.reason)
    const ended = result.sessionsEnded === 1 ? 'Ended their 1 session.' : `Ended their ${result.sessionsEnded} sessions.`
    io.stdout(`Removed the authenticator app and recovery codes of ${user.email}. ${ended} They set up a new app at their next sign-in if their role needs one.\n`)
    return 0
  })
}

const command: CliCommand = {
  name: 'user',
  summary: 'Add a user with a role in an authority, or disable one',
  help: `Usage:
  sin user add --email EMAIL --name NAME --role ROLE --authority CODE  < password
  sin user disable --email EMAIL
  sin user link-sso --email EMAIL --issuer URL --subject SUBJECT
  sin user reset-mfa --email EMAIL

add      Adds the user with the role in the authority (or gives an existing account that role
         there). The password is read from standard input (its first line, exactly as typed):
         at least 15 characters, not a common password, not the user's name or email.
         ROLE is one of: ${ROLES.join(', ')}.
disable  Stops the account signing in, in every authority, and ends its sessions at once.
link-sso Lets the user sign in with single sign-on: links their identity at an OpenID provider
         (the issuer URL and the subject, the ID token's sub claim) to the account.
reset-mfa Removes the user's authenticator app and recovery codes (a lost phone) and ends their
         sessions: check who is asking first. Users whose role needs an app set up a new one
         at their next sign-in.
`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, options, true)
    const [action, ...extra] = positionals
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    if (action === 'add') return add(values, io)
    if (action === 'disable') return disable(values, io)
    if (action === 'link-sso') return linkSso(values, io)
    if (action === 'reset-mfa') return resetMfa(values, io)
    throw new UsageError('expected "sin user add …", "sin user disable --email EMAIL", "sin user link-sso …" or "sin user reset-mfa --email EMAIL"')
  },
}
export default command
