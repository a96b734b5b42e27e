// Multi-factor sign-in (issue 8): one authenticator app (TOTP) per user, the last time-step
// accepted (so a code is never accepted twice), and hashed single-use recovery codes.
import type { Kysely, Migration } from 'kysely'

export function multiFactor(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('user_totp')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('last_step', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('enrolled_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('user_recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('user_recovery_codes_user').on('user_recovery_codes').column('user_id').execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('user_recovery_codes').execute()
      await db.schema.dropTable('user_totp').execute()
    },
  }
}
