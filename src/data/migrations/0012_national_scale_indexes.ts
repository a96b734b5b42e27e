// Indexes for national scale (issue 9; docs/performance.md). A worklist must cost what is on it,
// not what the authority has done over the years: its unfinished cases come from a covering index
// (never the cases' large JSON columns), and its open learning actions from an index on the
// action's own authority, a copy of the case's, so finished cases are never read one by one to
// find the few with an action still open. The reports read only the cases aware in their period.
import { sql, type Kysely, type Migration } from 'kysely'

export function nationalScaleIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('incidents_worklist').on('incidents').columns(['authority_id', 'status', 'reference', 'id', 'aware_date', 'created_by']).execute()
      await db.schema.createIndex('incidents_authority_aware').on('incidents').columns(['authority_id', 'aware_date']).execute()
      await db.schema.alterTable('learning_actions').addColumn('authority_id', 'text', (c) => c.references('authorities.id')).execute()
      await sql`update learning_actions set authority_id = (select incidents.authority_id from incidents where incidents.id = learning_actions.incident_id)`.execute(db)
      await db.schema.createIndex('learning_actions_authority_status').on('learning_actions').columns(['authority_id', 'status', 'incident_id']).execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('learning_actions_authority_status').execute()
      await db.schema.alterTable('learning_actions').dropColumn('authority_id').execute()
      await db.schema.dropIndex('incidents_authority_aware').execute()
      await db.schema.dropIndex('incidents_worklist').execute()
    },
  }
}
