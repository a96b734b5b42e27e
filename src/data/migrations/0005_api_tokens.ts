// API tokens (issue 7, item 1): bearer tokens an admin creates for one authority. Only a SHA-256
// hash of each token is kept (the token itself is shown once), so a copy of the database cannot
// be used to call the API. A unique index on the hash makes the lookup exact.
import { sql, type Kysely, type Migration } from 'kysely'

export function apiTokens(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull().check(sql`scopes in ('read', 'write', 'read,write')`))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('last_used_at', 'text')
        .execute()
      await db.schema.createIndex('api_tokens_authority').on('api_tokens').columns(['authority_id', 'created_at']).execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('api_tokens').execute()
    },
  }
}
