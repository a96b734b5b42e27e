// Webhooks (issue 7 item 2): an authority's endpoints, the deliveries owed to them and every
// attempt. The unique (endpoint, event) pair makes enqueueing exactly-once however many
// scheduler ticks run at the same time: whoever inserts the pair first owns the delivery.
import { sql, type Kysely, type Migration } from 'kysely'

export function webhooks(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        // Comma-separated event types, e.g. "incident.recorded,clock.overdue".
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        // The last audit entry (seq) already turned into deliveries for this endpoint.
        .addColumn('audit_cursor', 'bigint', (c) => c.notNull().defaultTo(0))
        // When it was added or last enabled: overdue clocks from before then are not sent.
        .addColumn('listening_since', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('webhook_endpoints_authority').on('webhook_endpoints').column('authority_id').execute()
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'retry', 'delivered', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('webhook_deliveries_once', ['endpoint_id', 'event_id'])
        .execute()
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute()
      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        // A class such as "timeout" or "http_500"; never a response body, header or the secret.
        .addColumn('error', 'text')
        .execute()
      await db.schema.createIndex('webhook_attempts_endpoint').on('webhook_attempts').columns(['endpoint_id', 'at']).execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('webhook_attempts').execute()
      await db.schema.dropTable('webhook_deliveries').execute()
      await db.schema.dropTable('webhook_endpoints').execute()
    },
  }
}
