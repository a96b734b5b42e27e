// Users' identities at OpenID providers (single sign-on), matched on issuer and subject.
import type { Kysely } from 'kysely'
import type { Schema } from '../schema.js'

export interface LinkedIdentity {
  readonly id: string
  readonly issuer: string
  readonly subject: string
}

export function identitiesRepository(db: Kysely<Schema>) {
  return {
    async userFor(issuer: string, subject: string): Promise<string | null> {
      const row = await db.selectFrom('user_identities').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst()
      return row?.user_id ?? null
    },

    async insert(row: { id: string; userId: string; issuer: string; subject: string; at: string }): Promise<void> {
      await db.insertInto('user_identities').values({ id: row.id, user_id: row.userId, issuer: row.issuer, subject: row.subject, created_at: row.at }).execute()
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('user_identities').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    forUser(userId: string): Promise<LinkedIdentity[]> {
      return db.selectFrom('user_identities').select(['id', 'issuer', 'subject']).where('user_id', '=', userId).orderBy('issuer').orderBy('subject').execute()
    },
  }
}
