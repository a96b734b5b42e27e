// Alerts, reminders and escalations (issue 6): every email the service means to send, one row
// each. The unique delivery key is what makes sending exactly-once across restarts and several
// server processes: whoever inserts the key first sends; everyone else finds it there.
import { sql, type Kysely, type Migration } from 'kysely'

export function reminders(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('email_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('delivery_key', 'text', (c) => c.notNull().unique())
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('incident_id', 'text', (c) => c.references('incidents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('alert', 'reminder', 'due_today', 'overdue', 'digest')`))
        .addColumn('clock_id', 'text')
        .addColumn('point', 'integer')
        .addColumn('due_date', 'text')
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('transport', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending', 'retry', 'sent', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute()
      await db.schema.createIndex('email_outbox_status').on('email_outbox').columns(['status', 'next_attempt_at']).execute()
      await db.schema.createIndex('email_outbox_authority').on('email_outbox').columns(['authority_id', 'created_at']).execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('email_outbox').execute()
    },
  }
}
