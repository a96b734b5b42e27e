// API tokens: stored by the SHA-256 hash of the token, never the token itself.
import type { Kysely } from 'kysely'
import type { ApiTokenRow, Schema } from '../schema.js'

export function apiTokensRepository(db: Kysely<Schema>) {
  return {
    async insert(row: ApiTokenRow): Promise<void> {
      await db.insertInto('api_tokens').values(row).execute()
    },

    /** The unique index on the hash makes this an exact lookup (no comparison of the token). */
    findByHash(hash: string): Promise<(ApiTokenRow & { authority_code: string; authority_name: string }) | undefined> {
      return db
        .selectFrom('api_tokens')
        .innerJoin('authorities', 'authorities.id', 'api_tokens.authority_id')
        .selectAll('api_tokens')
        .select(['authorities.code as authority_code', 'authorities.name as authority_name'])
        .where('api_tokens.token_hash', '=', hash)
        .executeTakeFirst()
    },

    findById(id: string): Promise<ApiTokenRow | undefined> {
      return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()
    },

    list(authorityId: string | null): Promise<(ApiTokenRow & { authority_code: string })[]> {
      let query = db
        .selectFrom('api_tokens')
        .innerJoin('authorities', 'authorities.id', 'api_tokens.authority_id')
        .selectAll('api_tokens')
        .select('authorities.code as authority_code')
      if (authorityId) query = query.where('api_tokens.authority_id', '=', authorityId)
      return query.orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute()
    },

    async revoke(id: string, by: string, at: string): Promise<boolean> {
      const result = await db.updateTable('api_tokens').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async touch(id: string, at: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute()
    },
  }
}
