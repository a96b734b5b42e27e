// `sin token`: API bearer tokens (issue 7). `create` prints the token alone on standard output so
// a script can capture it (TOKEN=$(sin token create ...)); it is never shown again.
import { MAX_EXPIRY_DAYS, DEFAULT_EXPIRY_DAYS } from '../../services/api-tokens.js'
import { systemActor } from '../../services/index.js'
import { isScope, SCOPES, type Scope } from '../../domain/permissions/api-scopes.js'
import { UsageError, parseOptions, requireOption, type CliCommand, type CliIO } from '../command.js'
import { withServices } from '../database.js'

const options = {
  authority: { type: 'string' },
  scope: { type: 'string' },
  name: { type: 'string' },
  'expires-days': { type: 'string' },
} as const

const actor = systemActor('command line')

function scopesOf(text: string): Scope[] {
  const scopes = text.split(',').map((s) => s.trim().toLowerCase())
  const wrong = scopes.find((s) => !isScope(s))
  if (wrong !== undefined) throw new UsageError(`--scope must be ${SCOPES.join(', ')} or both, separated by a comma (not "${wrong}")`)
  return [...new Set(scopes as Scope[])]
}

function daysOf(text: unknown): number | undefined {
  if (text === undefined) return undefined
  const days = Number(text)
  if (typeof text !== 'string' || !/^\d+$/.test(text) || days < 1 || days > MAX_EXPIRY_DAYS) throw new UsageError(`--expires-days must be a whole number from 1 to ${MAX_EXPIRY_DAYS}`)
  return days
}

async function create(values: Record<string, unknown>, io: CliIO): Promise<number> {
  const code = requireOption(values, 'authority')
  const name = requireOption(values, 'name')
  const scopes = scopesOf(requireOption(values, 'scope'))
  const expiresInDays = daysOf(values['expires-days'])
  return withServices(io, async (services) => {
    const authority = await services.authorities.getByCode(code)
    if (!authority) throw new UsageError(`there is no authority with the code ${code.toUpperCase()}`)
    const result = await services.apiTokens.create(actor, authority.id, { name, scopes, ...(expiresInDays ? { expiresInDays } : {}) })
    if (!result.ok) throw new UsageError(result.reason === 'invalid' ? Object.values(result.errors).join('; ') : result.reason)
    io.stdout(`${result.token}\n`)
    io.stderr(`Created token ${result.id} for ${authority.name}; it expires ${result.expiresAt}. It is not shown again.\n`)
    return 0
  })
}

async function revoke(id: string | undefined, io: CliIO): Promise<number> {
  if (!id) throw new UsageError('expected "sin token revoke ID"')
  return withServices(io, async (services) => {
    const result = await services.apiTokens.revoke(actor, null, id)
    if (!result.ok) throw new UsageError(result.reason === 'not-found' ? `there is no token with the id ${id}` : `token ${id} is ${result.reason}`)
    io.stdout(`Revoked token ${id}.\n`)
    return 0
  })
}

async function list(io: CliIO): Promise<number> {
  return withServices(io, async (services) => {
    const result = await services.apiTokens.list(actor, null)
    if (!result.ok) throw new UsageError(result.reason)
    for (const t of result.tokens) {
      const state = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`
      io.stdout(`${t.id}\t${t.authorityCode}\t${t.scopes.join(',')}\t${state}\t${t.name}\n`)
    }
    return 0
  })
}

const command: CliCommand = {
  name: 'token',
  summary: 'Create, list or revoke API bearer tokens',
  help: `Usage:
  sin token create --authority CODE --scope read,write --name NAME [--expires-days N]
  sin token list
  sin token revoke ID

create  Prints the new token alone on standard output (it is stored only as a hash and never
        shown again). --scope is read, write or read,write. It expires after N days
        (default ${DEFAULT_EXPIRY_DAYS}, at most ${MAX_EXPIRY_DAYS}).
list    One token a line: id, authority, scopes, expiry or revocation, name (never the token).
revoke  Stops the token working at once.
`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, options, true)
    const [action, id, ...extra] = positionals
    if (extra.length > 0 || (action !== 'revoke' && id !== undefined)) throw new UsageError(`unexpected argument "${extra[0] ?? id}"`)
    if (action === 'create') return create(values, io)
    if (action === 'list') return list(io)
    if (action === 'revoke') return revoke(id, io)
    throw new UsageError('expected "sin token create …", "sin token list" or "sin token revoke ID"')
  },
}
export default command
