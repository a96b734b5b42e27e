// Single sign-on (issue 7): a person who has proved who they are at their organisation's OpenID
// provider is signed in as the user linked to that identity (issuer and subject). The provider
// proves identity only: roles are still granted here. An identity nobody has linked, or one
// linked to a disabled account, is refused and audited; the refusal says nothing about accounts.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { identitiesRepository, type LinkedIdentity } from '../data/repositories/identities.js'
import { usersRepository } from '../data/repositories/users.js'
import { Permissions } from '../domain/permissions/index.js'
import { actorMay, inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { toUser, type SignedInUser } from './users.js'

export interface SingleSignOnInput {
  readonly issuer: string
  readonly subject: string
  /** The provider's id in SIN_OIDC_PROVIDERS, for the audit trail. */
  readonly provider: string
  readonly ip?: string | null
  readonly requestId?: string | null
}

export type SingleSignOnResult = { readonly ok: true; readonly user: SignedInUser } | Refusal<'not-linked' | 'refused'>

export const identitySchema = z.object({
  issuer: z.url({ message: 'Enter the issuer as a full URL, like https://login.microsoftonline.com/TENANT-ID/v2.0' }).max(500),
  subject: z.string().trim().min(1, { message: 'Enter the subject (the sub claim) of the person’s identity' }).max(255, { message: 'The subject must be 255 characters or fewer' }),
})

type LinkResult = { ok: true } | Refusal<'forbidden' | 'not-found' | 'already-linked'> | { ok: false; reason: 'invalid'; errors: Record<string, string> }

export function singleSignOnService(deps: ServiceDeps) {
  const read = identitiesRepository(deps.database.db)

  /** Admins manage the users of their authority; the operator (authorityId null) any user. */
  async function mayManage(trx: Parameters<typeof usersRepository>[0], actor: Actor, authorityId: string | null, userId: string): Promise<'yes' | 'forbidden' | 'not-found'> {
    if (authorityId === null) return actor.kind === 'system' ? 'yes' : 'forbidden'
    if (!actorMay(actor, authorityId, 'users:manage')) return 'forbidden'
    return (await usersRepository(trx).membershipRole(userId, authorityId)) === null ? 'not-found' : 'yes'
  }

  return {
    async signIn(input: SingleSignOnInput): Promise<SingleSignOnResult> {
      return inTransaction(deps, async ({ trx, audit }) => {
        const users = usersRepository(trx)
        const userId = await identitiesRepository(trx).userFor(input.issuer, input.subject)
        const user = userId ? await users.findById(userId) : undefined
        const who = `${input.provider} identity`
        if (!user) {
          // Not the subject itself: it is an identifier of a person at another organisation.
          await audit({ kind: 'system', name: who, requestId: input.requestId ?? null }, { action: 'sign-in.failed', outcome: 'single sign-on: identity not linked', recordType: 'user' })
          return refuse('not-linked')
        }
        const actor: Actor = { kind: 'user', userId: user.id, email: user.email, permissions: Permissions.none(), requestId: input.requestId ?? null, ip: input.ip ?? null }
        if (user.disabled_at !== null) {
          await audit(actor, { action: 'sign-in.failed', outcome: 'single sign-on: account disabled', recordType: 'user', recordId: user.id })
          return refuse('refused')
        }
        await audit(actor, { action: 'sign-in.succeeded', outcome: `done: single sign-on (${input.provider})`, recordType: 'user', recordId: user.id })
        return { ok: true as const, user: { ...toUser(user), memberships: await users.memberships(user.id) } }
      })
    },

    /** Links an identity to a user. `authorityId` is the admin's authority; null for the operator. */
    async link(actor: Actor, authorityId: string | null, userId: string, identity: { issuer: string; subject: string }): Promise<LinkResult> {
      const parsed = identitySchema.safeParse(identity)
      if (!parsed.success) {
        return { ok: false, reason: 'invalid', errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) }
      }
      return inTransaction(deps, async ({ trx, now, audit }) => {
        const event = { authorityId, recordType: 'user', recordId: userId }
        const may = await mayManage(trx, actor, authorityId, userId)
        if (may === 'forbidden') await audit(actor, { ...event, action: 'access.refused', outcome: 'refused: users:manage' })
        if (may !== 'yes') return refuse(may)
        if (!(await usersRepository(trx).findById(userId))) return refuse('not-found')
        const identities = identitiesRepository(trx)
        if ((await identities.userFor(parsed.data.issuer, parsed.data.subject)) !== null) return refuse('already-linked')
        await identities.insert({ id: randomUUID(), userId, ...parsed.data, at: now.toISOString() })
        await audit(actor, { ...event, action: 'user.identity-linked', outcome: `done: ${parsed.data.issuer}` })
        return { ok: true as const }
      })
    },

    async unlink(actor: Actor, authorityId: string, userId: string, identityId: string): Promise<{ ok: true } | Refusal<'forbidden' | 'not-found'>> {
      return inTransaction(deps, async ({ trx, audit }) => {
        const may = await mayManage(trx, actor, authorityId, userId)
        if (may !== 'yes') return refuse(may)
        if (!(await identitiesRepository(trx).remove(userId, identityId))) return refuse('not-found')
        await audit(actor, { authorityId, recordType: 'user', recordId: userId, action: 'user.identity-unlinked', outcome: 'done' })
        return { ok: true as const }
      })
    },

    identitiesOf: (userId: string): Promise<LinkedIdentity[]> => read.forUser(userId),
  }
}
