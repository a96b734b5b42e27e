// After the decision to notify (issue 5): the new incident statuses, each case's progress
// (notifications, the rapid review, the practice review, clock extensions), rapid review
// entries and learning actions. Portable as docs/data.md sets out.
import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../db.js'

const BEFORE = `'draft', 'awaiting_discussion', 'partners_consulted', 'decided_notify', 'decided_do_not_notify', 'decided_refer_to_other_authority'`
const AFTER = `${BEFORE}, 'notification_sent', 'rapid_review', 'rapid_review_sent', 'practice_review', 'no_further_review', 'withdrawn', 'closed'`

/**
 * Widens the status check. PostgreSQL replaces the constraint; SQLite cannot alter a check, so the
 * table is rebuilt (sqlite.org/lang_altertable.html, "other kinds of table schema changes"), with
 * foreign keys off so dropping the old table does not cascade to the children and events. Kysely
 * runs SQLite migrations outside a transaction, so the pragma takes effect; the rebuild is its own.
 */
async function widenStatuses(db: Kysely<unknown>, dialect: Dialect, statuses: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql.raw(`alter table incidents drop constraint incidents_status_check`).execute(db)
    await sql.raw(`alter table incidents add constraint incidents_status_check check (status in (${statuses}))`).execute(db)
    return
  }
  const found = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'incidents'`.execute(db)
  const create = found.rows[0]?.sql
  if (!create) throw new Error('the incidents table is missing')
  const rebuilt = create.replace(/^create table "incidents"/i, 'create table "incidents_rebuilt"').replace(/check \(status in \([^)]*\)\)/, `check (status in (${statuses}))`)
  await sql.raw('pragma foreign_keys = off').execute(db)
  try {
    await sql.raw('begin').execute(db)
    await sql.raw(rebuilt).execute(db)
    await sql.raw('insert into incidents_rebuilt select * from incidents').execute(db)
    await sql.raw('drop table incidents').execute(db)
    await sql.raw('alter table incidents_rebuilt rename to incidents').execute(db)
    await sql.raw('create index incidents_authority_status on incidents (authority_id, status)').execute(db)
    await sql.raw('commit').execute(db)
  } catch (error) {
    await sql.raw('rollback').execute(db)
    throw error
  } finally {
    await sql.raw('pragma foreign_keys = on').execute(db)
  }
}

export function afterDecision(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await widenStatuses(db, dialect, AFTER)

      // One row per case once it is decided to notify. The parts are JSON (typed in
      // domain/after-decision/progress.ts) so the running clocks of every case come from one query.
      await db.schema
        .createTable('case_progress')
        .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('notifications', 'text', (c) => c.notNull())
        .addColumn('partners_informed_on', 'text')
        .addColumn('rapid_review', 'text')
        .addColumn('practice_review', 'text')
        .addColumn('extensions', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('case_progress_authority').on('case_progress').column('authority_id').execute()

      // Rows are added and amended, never removed: requests, meetings, safeguarding actions,
      // agency information and sign-offs.
      await db.schema
        .createTable('rapid_review_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('request', 'meeting', 'safeguarding_action', 'agency_information', 'sign_off')`))
        .addColumn('agency', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('rapid_review_entries_incident').on('rapid_review_entries').columns(['incident_id', 'recorded_at']).execute()

      await db.schema
        .createTable('learning_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('rapid_review', 'practice_review')`))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('agencies', 'text', (c) => c.notNull())
        .addColumn('owner_agency', 'text', (c) => c.notNull())
        .addColumn('owner_person', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'in_progress', 'complete')`))
        .addColumn('evidence', 'text')
        .addColumn('completed_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('learning_actions_incident').on('learning_actions').column('incident_id').execute()
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['learning_actions', 'rapid_review_entries', 'case_progress']) await db.schema.dropTable(table).execute()
      await widenStatuses(db, dialect, BEFORE)
    },
  }
}
