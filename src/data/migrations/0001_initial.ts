// Authorities, partner organisations, users and their roles, sessions and the audit trail.
import { sql, type Kysely, type Migration } from 'kysely'
import { GENESIS_HASH } from '../../domain/audit/chain.js'
import type { Dialect } from '../db.js'

export function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('authorities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('decision_owner_title', 'text', (c) => c.notNull())
        .addColumn('decision_owner_name', 'text')
        .addColumn('decision_owner_email', 'text')
        .addColumn('decision_owner_phone', 'text')
        .addColumn('partnership_name', 'text')
        .addColumn('partnership_email', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute()

      await db.schema
        .createTable('partner_organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('police', 'health')`))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      // One police force and one integrated care board per authority: (authority, kind) is unique.
      await db.schema
        .createTable('authority_partners')
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id').onDelete('cascade'))
        .addColumn('partner_organisation_id', 'text', (c) => c.notNull().references('partner_organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('police', 'health')`))
        .addPrimaryKeyConstraint('authority_partners_pk', ['authority_id', 'kind'])
        .execute()
      await db.schema.createIndex('authority_partners_partner').on('authority_partners').column('partner_organisation_id').execute()

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('partner_organisation_id', 'text', (c) => c.references('partner_organisations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute()

      await db.schema
        .createTable('memberships')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('practitioner', 'decision-owner', 'partner', 'business-unit', 'auditor', 'admin')`),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'authority_id'])
        .execute()
      await db.schema.createIndex('memberships_authority').on('memberships').column('authority_id').execute()

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute()

      await createAuditTables(db, dialect)
    },

    async down(db: Kysely<unknown>) {
      if (dialect === 'postgres') await sql`drop function if exists audit_entries_refuse_change() cascade`.execute(db)
      for (const table of ['audit_chain_head', 'audit_entries', 'sessions', 'memberships', 'users', 'authority_partners', 'partner_organisations', 'authorities']) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}

async function createAuditTables(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // No foreign keys: the trail must outlive the users and records it mentions.
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('authority_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('justification', 'text')
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_entries_authority_at').on('audit_entries').columns(['authority_id', 'at']).execute()
  await db.schema.createIndex('audit_entries_at').on('audit_entries').column('at').execute()
  await db.schema.createIndex('audit_entries_actor').on('audit_entries').column('actor_user_id').execute()
  await db.schema.createIndex('audit_entries_record').on('audit_entries').columns(['record_type', 'record_id']).execute()

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, ${GENESIS_HASH})`.execute(db)

  // Append-only, enforced by the database itself (ASVS 16.4.2), not just by the code.
  if (dialect === 'sqlite') {
    await sql`create trigger audit_entries_no_update before update on audit_entries
      begin select raise(abort, 'audit entries are append-only'); end`.execute(db)
    await sql`create trigger audit_entries_no_delete before delete on audit_entries
      begin select raise(abort, 'audit entries are append-only'); end`.execute(db)
  } else {
    await sql`create function audit_entries_refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'audit entries are append-only'; end $$`.execute(db)
    await sql`create trigger audit_entries_no_change before update or delete on audit_entries
      for each row execute function audit_entries_refuse_change()`.execute(db)
    await sql`create trigger audit_entries_no_truncate before truncate on audit_entries
      for each statement execute function audit_entries_refuse_change()`.execute(db)
  }
}
