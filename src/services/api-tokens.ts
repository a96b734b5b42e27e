// API tokens (issue 7, item 1): an admin creates one for their authority with scopes; the token is
// shown once and only its SHA-256 hash is stored; tokens expire and can be revoked. Creating and
// revoking are audited; the token's name and id appear in the trail, never the token.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { apiTokensRepository } from '../data/repositories/api-tokens.js'
import { authoritiesRepository } from '../data/repositories/authorities.js'
import type { ApiTokenRow } from '../data/schema.js'
import { SCOPES, type Scope, type TokenAuthority } from '../domain/permissions/api-scopes.js'
import { actorMay, inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { fieldErrors } from './incident-input.js'
import { invalidErrors, type InvalidErrors } from './incident-access.js'

/** 32 random bytes: 256 bits, far beyond guessing; the prefix lets secret scanners spot one. */
export const TOKEN_PREFIX = 'sin_'
const TOKEN_FORMAT = /^sin_[A-Za-z0-9_-]{43}$/
export const DEFAULT_EXPIRY_DAYS = 90
export const MAX_EXPIRY_DAYS = 366
const DAY_MS = 86_400_000
/** last_used_at is a guide for admins, so it is written at most once a minute per token. */
const TOUCH_INTERVAL_MS = 60_000

export const tokenInputSchema = z.object({
  name: z.string({ message: 'Enter a name for the token' }).trim().min(1, { message: 'Enter a name for the token' }).max(100, { message: 'Name must be 100 characters or fewer' }),
  scopes: z.array(z.enum(SCOPES, { message: 'Scopes must be read or write' }), { message: 'Select at least one scope' }).min(1, { message: 'Select at least one scope' }),
  expiresInDays: z
    .number({ message: 'Days until it expires must be a number' })
    .int({ message: 'Days until it expires must be a whole number' })
    .min(1, { message: 'Days until it expires must be 1 or more' })
    .max(MAX_EXPIRY_DAYS, { message: `Days until it expires must be ${MAX_EXPIRY_DAYS} or fewer` })
    .default(DEFAULT_EXPIRY_DAYS),
})
export type TokenInput = z.input<typeof tokenInputSchema>

export interface ApiToken {
  readonly id: string
  readonly authorityId: string
  readonly authorityCode: string
  readonly name: string
  readonly scopes: readonly Scope[]
  readonly createdBy: string
  readonly createdAt: string
  readonly expiresAt: string | null
  readonly revokedAt: string | null
  readonly lastUsedAt: string | null
}

/** Who called the API: enough to act and to audit, never the token. */
export interface TokenHolder {
  readonly id: string
  readonly name: string
  readonly authority: TokenAuthority
  readonly scopes: readonly Scope[]
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')
const parseScopes = (stored: string): Scope[] => stored.split(',').filter((s): s is Scope => (SCOPES as readonly string[]).includes(s))
const storeScopes = (scopes: readonly Scope[]): string => SCOPES.filter((s) => scopes.includes(s)).join(',')
const actorName = (actor: Actor): string => (actor.kind === 'user' ? actor.email : actor.name)

function present(row: ApiTokenRow & { authority_code: string }): ApiToken {
  return {
    id: row.id, authorityId: row.authority_id, authorityCode: row.authority_code, name: row.name, scopes: parseScopes(row.scopes),
    createdBy: row.created_by, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at,
  }
}

export function apiTokenService(deps: ServiceDeps) {
  return {
    /** Creates a token; the answer holds the token itself, the only time it is ever available. */
    create(actor: Actor, authorityId: string, input: TokenInput): Promise<{ ok: true; token: string; id: string; expiresAt: string } | Refusal<'forbidden' | 'not-found'> | InvalidErrors> {
      const parsed = tokenInputSchema.safeParse(input)
      if (!parsed.success) return Promise.resolve(invalidErrors(fieldErrors(parsed.error)))
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'settings:manage', { authorityId, recordType: 'api-token' }))) return refuse('forbidden')
        if (!(await authoritiesRepository(work.trx).findById(authorityId))) return refuse('not-found')
        const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
        const id = randomUUID()
        const expiresAt = new Date(work.now.getTime() + parsed.data.expiresInDays * DAY_MS).toISOString()
        await apiTokensRepository(work.trx).insert({
          id, authority_id: authorityId, name: parsed.data.name, scopes: storeScopes(parsed.data.scopes), token_hash: hashToken(token),
          created_by: actorName(actor), created_at: work.now.toISOString(), expires_at: expiresAt, revoked_at: null, revoked_by: null, last_used_at: null,
        })
        await work.audit(actor, { action: 'api-token.created', outcome: `done: "${parsed.data.name}" (${storeScopes(parsed.data.scopes)})`, authorityId, recordType: 'api-token', recordId: id })
        return { ok: true as const, token, id, expiresAt }
      })
    },

    /** An authority's tokens (or, for the command line, every authority's), newest first. */
    async list(actor: Actor, authorityId: string | null): Promise<{ ok: true; tokens: ApiToken[] } | Refusal<'forbidden'>> {
      if (authorityId === null ? actor.kind !== 'system' : !actorMay(actor, authorityId, 'settings:view')) return refuse('forbidden')
      return { ok: true, tokens: (await apiTokensRepository(deps.database.db).list(authorityId)).map(present) }
    },

    /** Revokes at once; `authorityId` null is the command line, which may revoke any token. */
    revoke(actor: Actor, authorityId: string | null, tokenId: string): Promise<{ ok: true } | Refusal<'forbidden' | 'not-found' | 'already-revoked'>> {
      return inTransaction(deps, async (work) => {
        const tokens = apiTokensRepository(work.trx)
        const stored = await tokens.findById(tokenId)
        // Another authority's token answers exactly like a missing one.
        if (!stored || (authorityId !== null && stored.authority_id !== authorityId)) return refuse('not-found')
        if (authorityId === null && actor.kind !== 'system') return refuse('forbidden')
        if (!(await work.permit(actor, 'settings:manage', { authorityId: stored.authority_id, recordType: 'api-token', recordId: stored.id }))) return refuse('forbidden')
        if (!(await tokens.revoke(stored.id, actorName(actor), work.now.toISOString()))) return refuse('already-revoked')
        await work.audit(actor, { action: 'api-token.revoked', outcome: `done: "${stored.name}"`, authorityId: stored.authority_id, recordType: 'api-token', recordId: stored.id })
        return { ok: true as const }
      })
    },

    /** Who holds this bearer token, if it is well formed, known, unexpired and not revoked. */
    async authenticate(token: string): Promise<{ ok: true; holder: TokenHolder } | Refusal<'malformed' | 'unknown' | 'expired' | 'revoked'>> {
      if (!TOKEN_FORMAT.test(token)) return refuse('malformed')
      const hash = hashToken(token)
      const tokens = apiTokensRepository(deps.database.db)
      const stored = await tokens.findByHash(hash)
      // The lookup is by hash, so timing says nothing about the token; comparing again is belt and braces.
      if (!stored || !timingSafeEqual(Buffer.from(stored.token_hash, 'hex'), Buffer.from(hash, 'hex'))) return refuse('unknown')
      const now = deps.now()
      if (stored.revoked_at) return refuse('revoked')
      if (stored.expires_at && new Date(stored.expires_at) <= now) return refuse('expired')
      if (!stored.last_used_at || now.getTime() - new Date(stored.last_used_at).getTime() >= TOUCH_INTERVAL_MS) await tokens.touch(stored.id, now.toISOString())
      return {
        ok: true,
        holder: { id: stored.id, name: stored.name, scopes: parseScopes(stored.scopes), authority: { id: stored.authority_id, code: stored.authority_code, name: stored.authority_name } },
      }
    },
  }
}
