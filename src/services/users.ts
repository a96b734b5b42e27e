// Accounts: add a user with a role in an authority, list an authority's users, change a role,
// disable (which ends every session the user has, at once) and enable.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { authoritiesRepository } from '../data/repositories/authorities.js'
import { sessionsRepository } from '../data/repositories/sessions.js'
import { usersRepository, type AuthorityMember } from '../data/repositories/users.js'
import type { UserRow } from '../data/schema.js'
import { isRole, type AuthorityMembership, type Role } from '../domain/permissions/index.js'
import { invalid, type InvalidInput } from './authorities.js'
import { actorMay, inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { checkPassword, hashPassword } from './passwords.js'

export interface User {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly disabled: boolean
  readonly partnerOrganisationId: string | null
}

export interface SignedInUser extends User {
  readonly memberships: readonly AuthorityMembership[]
}

export interface NewUserInput {
  readonly email: string
  readonly name: string
  readonly password: string
  readonly role: Role
  readonly authorityId: string
  readonly partnerOrganisationId?: string | null
}

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, disabled: row.disabled_at !== null, partnerOrganisationId: row.partner_organisation_id }
}

const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.org' })),
  name: z.string().trim().min(1, { message: 'Enter the user’s full name' }).max(200),
})

type Changed = Promise<{ ok: true } | Refusal<'forbidden' | 'not-found'>>

export function userService(deps: ServiceDeps) {
  const read = usersRepository(deps.database.db)

  /** Disabling and enabling share everything but the new state. */
  // An admin acts in their authority; the operator (authorityId null) acts on any account.
  function setDisabled(actor: Actor, authorityId: string | null, userId: string, disable: boolean): Changed {
    return inTransaction(deps, async ({ trx, now, audit }) => {
      const event = { authorityId, recordType: 'user', recordId: userId }
      const allowed = authorityId === null ? actor.kind === 'system' : actorMay(actor, authorityId, 'users:manage')
      if (!allowed) {
        await audit(actor, { ...event, action: 'access.refused', outcome: 'refused: users:manage' })
        return refuse('forbidden')
      }
      const users = usersRepository(trx)
      const known = authorityId === null ? (await users.findById(userId)) !== undefined : (await users.membershipRole(userId, authorityId)) !== null
      if (!known) return refuse('not-found')
      await users.setDisabled(userId, disable ? now.toISOString() : null, now.toISOString())
      // Ends the user's sessions in the same transaction: their next request finds none.
      if (disable) await sessionsRepository(trx).deleteAllForUser(userId)
      await audit(actor, { ...event, action: disable ? 'user.disabled' : 'user.enabled', outcome: 'done' })
      return { ok: true as const }
    })
  }

  return {
    /**
     * Adds a user with a role in an authority. An existing account (a police lead serving
     * several authorities) is given the role there instead, keeping its password.
     */
    async add(
      actor: Actor,
      input: NewUserInput,
    ): Promise<{ ok: true; user: User; created: boolean } | Refusal<'forbidden' | 'not-found' | 'already-member'> | InvalidInput | { ok: false; reason: 'weak-password'; message: string }> {
      const parsed = newUserSchema.safeParse(input)
      if (!parsed.success) return invalid(parsed.error)
      if (!isRole(input.role)) return { ok: false, reason: 'invalid', errors: { role: 'Select a role' } }
      const { email, name } = parsed.data
      const existing = await read.findByEmail(email)
      if (!existing) {
        const check = checkPassword(input.password, { email, name })
        if (!check.ok) return { ok: false, reason: 'weak-password', message: check.message }
      }
      // Hashing takes a noticeable moment, so it happens before the transaction opens.
      const passwordHash = existing ? null : await hashPassword(input.password)
      return inTransaction(deps, async ({ trx, now, audit, permit }) => {
        const event = { authorityId: input.authorityId, recordType: 'user' }
        if (!(await permit(actor, 'users:manage', event))) return refuse('forbidden')
        if (!(await authoritiesRepository(trx).findById(input.authorityId))) return refuse('not-found')
        const users = usersRepository(trx)
        const at = now.toISOString()
        let row = await users.findByEmail(email)
        const created = row === undefined
        if (!row) {
          row = {
            id: randomUUID(), email, name, password_hash: passwordHash ?? '', disabled_at: null, failed_sign_ins: 0, locked_until: null,
            partner_organisation_id: input.partnerOrganisationId ?? null, created_at: at, updated_at: at, version: 1,
          }
          await users.insert(row)
        } else if ((await users.membershipRole(row.id, input.authorityId)) !== null) {
          return refuse('already-member')
        }
        await users.setMembership(row.id, input.authorityId, input.role, at)
        await audit(actor, { ...event, recordId: row.id, action: 'user.added', outcome: `done: ${input.role}` })
        return { ok: true as const, user: toUser(row), created }
      })
    },

    listForAuthority(actor: Actor, authorityId: string): Promise<{ ok: true; users: AuthorityMember[] } | Refusal<'forbidden'>> {
      if (!actorMay(actor, authorityId, 'users:view')) return Promise.resolve(refuse('forbidden'))
      return read.membersOf(authorityId).then((users) => ({ ok: true as const, users }))
    },

    changeRole(actor: Actor, authorityId: string, userId: string, role: Role): Promise<{ ok: true } | Refusal<'forbidden' | 'not-found' | 'invalid'>> {
      if (!isRole(role)) return Promise.resolve(refuse('invalid'))
      return inTransaction(deps, async ({ trx, now, audit, permit }) => {
        const event = { authorityId, recordType: 'user', recordId: userId }
        if (!(await permit(actor, 'users:manage', event))) return refuse('forbidden')
        const users = usersRepository(trx)
        if ((await users.membershipRole(userId, authorityId)) === null) return refuse('not-found')
        await users.setMembership(userId, authorityId, role, now.toISOString())
        await audit(actor, { ...event, action: 'user.role-changed', outcome: `done: ${role}` })
        return { ok: true as const }
      })
    },

    /** Disables the account everywhere and ends all its sessions at once. */
    disable: (actor: Actor, authorityId: string | null, userId: string): Changed => setDisabled(actor, authorityId, userId, true),
    enable: (actor: Actor, authorityId: string | null, userId: string): Changed => setDisabled(actor, authorityId, userId, false),

    /** For each request: the signed-in user and their memberships, or null if gone or disabled. */
    async signedIn(userId: string): Promise<SignedInUser | null> {
      const row = await read.findById(userId)
      if (!row || row.disabled_at !== null) return null
      return { ...toUser(row), memberships: await read.memberships(row.id) }
    },

    async findByEmail(email: string): Promise<User | null> {
      const row = await read.findByEmail(email)
      return row ? toUser(row) : null
    },
  }
}
