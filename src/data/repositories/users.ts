// Accounts and their roles in each authority.
import { sql, type Kysely } from 'kysely'
import type { AuthorityMembership, Role } from '../../domain/permissions/index.js'
import { isRole } from '../../domain/permissions/index.js'
import type { NewUserRow, Schema, UserRow } from '../schema.js'

export interface AuthorityMember {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: Role
  readonly disabled: boolean
}

export function usersRepository(db: Kysely<Schema>) {
  return {
    async insert(row: NewUserRow): Promise<void> {
      await db.insertInto('users').values(row).execute()
    },

    findById(id: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Emails are stored lower-cased, so the lookup lower-cases too. */
    findByEmail(email: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
    },

    async setDisabled(id: string, disabledAt: string | null, now: string): Promise<void> {
      await db
        .updateTable('users')
        .set({ disabled_at: disabledAt, failed_sign_ins: 0, locked_until: null, updated_at: now, version: sql`version + 1` })
        .where('id', '=', id)
        .execute()
    },

    /** Counts a failed sign-in in one statement, so parallel attempts cannot lose a count. */
    async countFailure(id: string): Promise<number> {
      const row = await db
        .updateTable('users')
        .set({ failed_sign_ins: sql`failed_sign_ins + 1` })
        .where('id', '=', id)
        .returning('failed_sign_ins')
        .executeTakeFirstOrThrow()
      return row.failed_sign_ins
    },

    async lock(id: string, until: string): Promise<void> {
      await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: until }).where('id', '=', id).execute()
    },

    async clearFailures(id: string): Promise<void> {
      await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute()
    },

    /** Adds the user to the authority with the role, or changes their role there. */
    async setMembership(userId: string, authorityId: string, role: Role, now: string): Promise<void> {
      await db
        .insertInto('memberships')
        .values({ user_id: userId, authority_id: authorityId, role, created_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'authority_id']).doUpdateSet({ role }))
        .execute()
    },

    async membershipRole(userId: string, authorityId: string): Promise<Role | null> {
      const row = await db
        .selectFrom('memberships')
        .select('role')
        .where('user_id', '=', userId)
        .where('authority_id', '=', authorityId)
        .executeTakeFirst()
      return row && isRole(row.role) ? row.role : null
    },

    async memberships(userId: string): Promise<AuthorityMembership[]> {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('authorities', 'authorities.id', 'memberships.authority_id')
        .select(['memberships.authority_id', 'authorities.code', 'authorities.name', 'memberships.role'])
        .where('memberships.user_id', '=', userId)
        .orderBy('authorities.name')
        .execute()
      return rows.flatMap((r) =>
        isRole(r.role) ? [{ authorityId: r.authority_id, authorityCode: r.code, authorityName: r.name, role: r.role }] : [],
      )
    },

    async membersOf(authorityId: string): Promise<AuthorityMember[]> {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.email', 'users.name', 'users.disabled_at', 'memberships.role'])
        .where('memberships.authority_id', '=', authorityId)
        .orderBy('users.name')
        .execute()
      return rows.flatMap((r) =>
        isRole(r.role) ? [{ id: r.id, email: r.email, name: r.name, role: r.role, disabled: r.disabled_at !== null }] : [],
      )
    },
  }
}
