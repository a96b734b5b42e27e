// Incidents (the cases), their children, the lifecycle history, partners' views, decisions and
// liaison with other authorities. Portable as docs/data.md sets out: text ids, dates as
// 'YYYY-MM-DD' text, instants as ISO text, booleans 0/1, JSON as text.
import { sql, type Kysely, type Migration } from 'kysely'

const STATUSES = sql`status in ('draft', 'awaiting_discussion', 'partners_consulted', 'decided_notify', 'decided_do_not_notify', 'decided_refer_to_other_authority')`

export function incidents(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(STATUSES))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('aware_date', 'text')
        .addColumn('awareness', 'text', (c) => c.notNull())
        .addColumn('incident', 'text', (c) => c.notNull())
        .addColumn('abuse', 'text', (c) => c.notNull())
        .addColumn('safeguarding', 'text', (c) => c.notNull())
        .addColumn('notification_grouping', 'text')
        .addColumn('raised_by_partner_id', 'text', (c) => c.references('partner_organisations.id'))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('incidents_reference_unique', ['authority_id', 'reference'])
        .execute()
      await db.schema.createIndex('incidents_authority_status').on('incidents').columns(['authority_id', 'status']).execute()

      // Hands out reference numbers one at a time: the update holds the row until commit.
      await db.schema
        .createTable('incident_reference_counters')
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_reference_counters_pk', ['authority_id', 'year'])
        .execute()

      await db.schema
        .createTable('incident_children')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('incident_children_incident').on('incident_children').columns(['incident_id', 'position']).execute()

      await db.schema
        .createTable('incident_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('actor_user_id', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'seq']).execute()

      await db.schema
        .createTable('partner_view_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('partner_organisation_id', 'text', (c) => c.notNull().references('partner_organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('police', 'health')`))
        .addColumn('comment', 'text')
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('partner_view_requests_incident').on('partner_view_requests').column('incident_id').execute()

      await db.schema
        .createTable('partner_views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('authority', 'police', 'health')`))
        .addColumn('partner_organisation_id', 'text', (c) => c.references('partner_organisations.id'))
        .addColumn('view', 'text', (c) => c.notNull().check(sql`view in ('notify', 'do_not_notify', 'unsure')`))
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('partner_views_incident').on('partner_views').columns(['incident_id', 'recorded_at']).execute()

      // Never updated: a revisit adds a row, so every earlier decision and its facts stay visible.
      await db.schema
        .createTable('decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('notify', 'do_not_notify', 'refer_to_other_authority')`))
        .addColumn('rationale', 'text', (c) => c.notNull())
        .addColumn('departs_from_engine', 'integer', (c) => c.notNull())
        .addColumn('departure_reason', 'text')
        .addColumn('judgements', 'text', (c) => c.notNull())
        .addColumn('partners_consulted', 'text', (c) => c.notNull())
        .addColumn('engine_outcome', 'text', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('decisions_incident').on('decisions').columns(['incident_id', 'decided_at']).execute()

      await db.schema
        .createTable('other_authority_liaisons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('other_authority', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull())
        .addColumn('contacted_on', 'text', (c) => c.notNull())
        .addColumn('agreed', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute()
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['other_authority_liaisons', 'decisions', 'partner_views', 'partner_view_requests', 'incident_events', 'incident_children', 'incident_reference_counters', 'incidents']) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
