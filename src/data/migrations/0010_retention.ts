// Retention and rights (issue 8, item 7): each authority's retention periods (defaults in
// src/domain/retention), a mark on anonymised cases, and the audit trail's personal-field digest,
// which lets who-did-it be erased without breaking the hash chain (src/domain/audit/chain.ts).
import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../db.js'

// The trail stays append-only (0001), with one exception: an entry's personal fields may be
// blanked, once, leaving everything the hash covers as it was. Names kept, so tools that
// drop or disable the trigger by name still work.
const SAME = ['seq', 'id', 'at', 'actor_user_id', 'authority_id', 'action', 'record_type', 'record_id', 'outcome', 'request_id', 'prev_hash', 'hash', 'personal_digest']
const ANONYMISING = (same: (column: string) => string) =>
  `${SAME.map(same).join(' and ')} and old.personal_digest is not null and old.anonymised_at is null and new.anonymised_at is not null and new.actor = 'anonymised' and new.ip is null and new.justification is null and new.personal_salt is null`

export function retention(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('retention_settings')
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('record_type', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('retention_settings_pk', ['authority_id', 'record_type'])
        .execute()
      await db.schema.alterTable('incidents').addColumn('anonymised_at', 'text').execute()
      await db.schema.alterTable('audit_entries').addColumn('personal_digest', 'text').execute()
      await db.schema.alterTable('audit_entries').addColumn('personal_salt', 'text').execute()
      await db.schema.alterTable('audit_entries').addColumn('anonymised_at', 'text').execute()
      if (dialect === 'sqlite') {
        await sql`drop trigger audit_entries_no_update`.execute(db)
        await sql.raw(`create trigger audit_entries_no_update before update on audit_entries when not (${ANONYMISING((c) => `new.${c} is old.${c}`)})
          begin select raise(abort, 'audit entries are append-only'); end`).execute(db)
      } else {
        await sql.raw(`create or replace function audit_entries_refuse_change() returns trigger language plpgsql as $$
          begin
            if tg_op = 'UPDATE' and (${ANONYMISING((c) => `new.${c} is not distinct from old.${c}`)}) then return new; end if;
            raise exception 'audit entries are append-only';
          end $$`).execute(db)
      }
    },
    async down(db: Kysely<unknown>) {
      if (dialect === 'sqlite') {
        await sql`drop trigger audit_entries_no_update`.execute(db)
        await sql`create trigger audit_entries_no_update before update on audit_entries begin select raise(abort, 'audit entries are append-only'); end`.execute(db)
      } else {
        await sql`create or replace function audit_entries_refuse_change() returns trigger language plpgsql as $$ begin raise exception 'audit entries are append-only'; end $$`.execute(db)
      }
      for (const column of ['anonymised_at', 'personal_salt', 'personal_digest']) await db.schema.alterTable('audit_entries').dropColumn(column).execute()
      await db.schema.alterTable('incidents').dropColumn('anonymised_at').execute()
      await db.schema.dropTable('retention_settings').execute()
    },
  }
}
