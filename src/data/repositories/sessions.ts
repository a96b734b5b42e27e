// Sessions in the database, so several server processes share them. Rows are keyed by the
// SHA-256 of the session id (computed by the caller), never the id itself.
import type { Kysely } from 'kysely'
import type { Schema, SessionRow } from '../schema.js'

/** What "Your sessions" shows of a session: never its data. */
export type SessionSummaryRow = Pick<SessionRow, 'id' | 'created_at' | 'last_seen_at' | 'browser'>

export function sessionsRepository(db: Kysely<Schema>) {
  return {
    find(id: string): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Inserts, or replaces the data of an existing session keeping when it began. */
    async save(row: SessionRow): Promise<void> {
      await db
        .insertInto('sessions')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ data: row.data, user_id: row.user_id, last_seen_at: row.last_seen_at, expires_at: row.expires_at, browser: row.browser }),
        )
        .execute()
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute()
    },

    async deleteAllForUser(userId: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
      return Number(result.numDeletedRows)
    },

    /** The user's sessions that have not expired, most recently active first. */
    listForUser(userId: string, now: string): Promise<SessionSummaryRow[]> {
      return db
        .selectFrom('sessions')
        .select(['id', 'created_at', 'last_seen_at', 'browser'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .orderBy('id')
        .execute()
    },

    /** Deletes one session, only if it is this user's: answers whether it did. */
    async deleteOfUser(userId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('sessions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async deleteExpired(now: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
      return Number(result.numDeletedRows)
    },

    async countForUser(userId: string): Promise<number> {
      const row = await db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
