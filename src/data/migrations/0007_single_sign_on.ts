// Single sign-on (issue 7): which identity at which OpenID provider is which user. A user is
// matched on (issuer, subject) only, never on email, which a provider may let people change.
import type { Kysely, Migration } from 'kysely'

export function singleSignOn(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('user_identities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('user_identities_issuer_subject', ['issuer', 'subject'])
        .execute()
      await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('user_identities').execute()
    },
  }
}
