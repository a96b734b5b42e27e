// Indexes for national scale (issue 9; docs/performance.md). The worklist wants a few columns of
// every unfinished case and of finished cases with an open learning action: with the first two it
// answers from the indexes alone, never reading the cases' large JSON columns or the actions'
// text. The reports read only the cases aware in their period: the third finds them.
import type { Kysely, Migration } from 'kysely'

export function nationalScaleIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('incidents_worklist').on('incidents').columns(['authority_id', 'status', 'reference', 'id', 'aware_date', 'created_by']).execute()
      await db.schema.createIndex('learning_actions_incident_status').on('learning_actions').columns(['incident_id', 'status']).execute()
      await db.schema.createIndex('incidents_authority_aware').on('incidents').columns(['authority_id', 'aware_date']).execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('incidents_authority_aware').execute()
      await db.schema.dropIndex('learning_actions_incident_status').execute()
      await db.schema.dropIndex('incidents_worklist').execute()
    },
  }
}
