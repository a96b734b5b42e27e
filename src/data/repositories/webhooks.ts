// Webhook endpoints, their deliveries and attempts, and the one read of the audit trail the
// scheduler needs: the entries after a cursor whose actions raise events.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Schema, WebhookDeliveriesTable, WebhookEndpointsTable } from '../schema.js'

export type EndpointRow = WebhookEndpointsTable
export type DeliveryRow = WebhookDeliveriesTable

export interface EventEntry {
  readonly seq: number
  readonly id: string
  readonly at: string
  readonly action: string
  readonly authorityId: string
  readonly incidentId: string
  readonly reference: string
}

export interface AttemptLogRow {
  readonly at: string
  readonly attempt: number
  readonly statusCode: number | null
  readonly durationMs: number
  readonly error: string | null
  readonly eventType: string
  readonly eventId: string
  readonly deliveryStatus: DeliveryRow['status']
}

export function webhooksRepository(db: Kysely<Schema>) {
  return {
    async endpoints(authorityId: string): Promise<EndpointRow[]> {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().where('authority_id', '=', authorityId).orderBy('created_at').orderBy('id').execute()
      return rows.map((r) => ({ ...r, audit_cursor: Number(r.audit_cursor) }))
    },

    async endpoint(authorityId: string, id: string): Promise<EndpointRow | undefined> {
      const row = await db.selectFrom('webhook_endpoints').selectAll().where('authority_id', '=', authorityId).where('id', '=', id).executeTakeFirst()
      return row && { ...row, audit_cursor: Number(row.audit_cursor) }
    },

    async enabledEndpoints(): Promise<(EndpointRow & { authorityCode: string })[]> {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .innerJoin('authorities', 'authorities.id', 'webhook_endpoints.authority_id')
        .selectAll('webhook_endpoints')
        .select('authorities.code as authorityCode')
        .where('webhook_endpoints.disabled_at', 'is', null)
        .execute()
      return rows.map((r) => ({ ...r, audit_cursor: Number(r.audit_cursor) }))
    },

    async insertEndpoint(row: EndpointRow): Promise<void> {
      await db.insertInto('webhook_endpoints').values(row).execute()
    },

    async updateEndpoint(id: string, change: Partial<Pick<EndpointRow, 'secret' | 'disabled_at' | 'listening_since' | 'updated_at'>>): Promise<void> {
      await db.updateTable('webhook_endpoints').set(change).where('id', '=', id).execute()
    },

    /** Moves the cursor forward only: a slower concurrent tick never moves it back. */
    async advanceCursor(id: string, to: number): Promise<void> {
      await db.updateTable('webhook_endpoints').set({ audit_cursor: to }).where('id', '=', id).where('audit_cursor', '<', to).execute()
    },

    /** The latest audit entry, where a new endpoint's cursor starts (no backlog of old events). */
    async auditHead(): Promise<number> {
      const row = await db.selectFrom('audit_chain_head').select('last_seq').executeTakeFirst()
      return Number(row?.last_seq ?? 0)
    },

    /** Entries after `seq` with these actions about an incident, oldest first, with its reference. */
    async eventEntries(after: number, actions: readonly string[], limit: number): Promise<EventEntry[]> {
      const rows = await db
        .selectFrom('audit_entries')
        .innerJoin('incidents', 'incidents.id', 'audit_entries.record_id')
        .select(['audit_entries.seq', 'audit_entries.id', 'audit_entries.at', 'audit_entries.action', 'incidents.authority_id', 'incidents.id as incidentId', 'incidents.reference'])
        .where('audit_entries.seq', '>', after)
        .where('audit_entries.action', 'in', [...actions])
        .where('audit_entries.record_type', '=', 'incident')
        .orderBy('audit_entries.seq')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ seq: Number(r.seq), id: r.id, at: r.at, action: r.action, authorityId: r.authority_id, incidentId: r.incidentId, reference: r.reference }))
    },

    /** Which (endpoint, event) pairs already exist, so a tick opens no insert for them. */
    async existingEvents(endpointId: string, eventIds: readonly string[]): Promise<Set<string>> {
      const found = new Set<string>()
      for (let start = 0; start < eventIds.length; start += 500) {
        const rows = await db.selectFrom('webhook_deliveries').select('event_id').where('endpoint_id', '=', endpointId).where('event_id', 'in', eventIds.slice(start, start + 500)).execute()
        for (const row of rows) found.add(row.event_id)
      }
      return found
    },

    /** Inserts the delivery unless the pair exists: true when this call enqueued it. */
    async enqueue(delivery: Pick<DeliveryRow, 'endpoint_id' | 'event_id' | 'event_type' | 'payload'>, now: string): Promise<string | null> {
      const id = randomUUID()
      const inserted = await db
        .insertInto('webhook_deliveries')
        .values({ ...delivery, id, status: 'pending', attempts: 0, next_attempt_at: now, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted ? id : null
    },

    /** Due deliveries, and any left "sending" before `abandonedBefore` by a process that stopped mid-send. */
    async due(now: string, abandonedBefore: string, limit: number): Promise<DeliveryRow[]> {
      return db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where((eb) => eb.or([
          eb.and([eb('status', 'in', ['pending', 'retry']), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('updated_at', '<', abandonedBefore)]),
        ]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute()
    },

    /** Takes a due delivery for this process: false when another tick took it first. */
    async claim(delivery: DeliveryRow, now: string): Promise<boolean> {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'sending', attempts: delivery.attempts + 1, updated_at: now })
        .where('id', '=', delivery.id)
        .where('status', '=', delivery.status)
        .where('attempts', '=', delivery.attempts)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async finish(id: string, status: DeliveryRow['status'], nextAttemptAt: string, now: string): Promise<void> {
      await db.updateTable('webhook_deliveries').set({ status, next_attempt_at: nextAttemptAt, updated_at: now }).where('id', '=', id).execute()
    },

    async addAttempt(attempt: { delivery_id: string; endpoint_id: string; attempt: number; at: string; status_code: number | null; duration_ms: number; error: string | null }): Promise<void> {
      await db.insertInto('webhook_attempts').values({ ...attempt, id: randomUUID() }).execute()
    },

    async attempts(endpointId: string, limit: number): Promise<AttemptLogRow[]> {
      const rows = await db
        .selectFrom('webhook_attempts')
        .innerJoin('webhook_deliveries', 'webhook_deliveries.id', 'webhook_attempts.delivery_id')
        .select(['webhook_attempts.at', 'webhook_attempts.attempt', 'webhook_attempts.status_code', 'webhook_attempts.duration_ms', 'webhook_attempts.error',
          'webhook_deliveries.event_type', 'webhook_deliveries.event_id', 'webhook_deliveries.status'])
        .where('webhook_attempts.endpoint_id', '=', endpointId)
        .orderBy('webhook_attempts.at', 'desc')
        .orderBy('webhook_attempts.attempt', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ at: r.at, attempt: r.attempt, statusCode: r.status_code, durationMs: r.duration_ms, error: r.error, eventType: r.event_type, eventId: r.event_id, deliveryStatus: r.status }))
    },

    async deliveriesOf(endpointId: string): Promise<DeliveryRow[]> {
      return db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('created_at').orderBy('event_id').execute()
    },
  }
}
