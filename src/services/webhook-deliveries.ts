// The webhook scheduler tick: turn new events into deliveries, once per endpoint, then send the
// deliveries that are due. Events come from two places, so no other service had to change:
// the audit trail (incident recorded, decision made, notification sent), read after each
// endpoint's cursor, and the reminders' own list of running clocks (clock overdue).
// Exactly once: the (endpoint, event) pair is unique, so two concurrent ticks enqueue one row;
// and a delivery is claimed (status and attempt count compared and set) before it is sent.
import { createHash } from 'node:crypto'
import type { BankHolidayCalendar } from '../domain/calendar/index.js'
import { webhooksRepository, type DeliveryRow, type EndpointRow } from '../data/repositories/webhooks.js'
import {
  AUDITED_EVENT_ACTIONS, DELIVERY_TIMEOUT_MS, eventForAuditAction, MAX_ATTEMPTS, parseEvents, retryDelayMs, type WebhookPayload,
} from '../domain/webhooks/index.js'
import { inTransaction, systemActor, type ServiceDeps } from './context.js'
import { londonDay } from './incident-access.js'
import { whatIsDue, type DueSource } from './reminders-due.js'
import { postJson } from './webhook-http.js'
import { openSecret } from './webhook-secrets.js'
import { signature } from './webhook-signing.js'

export interface WebhookDeliverySettings {
  /** The service's address, for the link to the case in each payload. */
  readonly baseUrl: string
  /** True outside production only: lets deliveries reach localhost (see webhook-http.ts). */
  readonly allowPrivateAddresses: boolean
  readonly timeoutMs?: number
  readonly maxAttempts?: number
  /** The first retry's wait; it doubles each time. Tests shorten it. */
  readonly retryBaseMs?: number
  readonly sources?: readonly DueSource[]
  /** Opens sealed secrets (createServices passes WEBHOOK_SECRET_KEY). */
  readonly secretKey?: Buffer | null
}

export interface WebhookTickResult {
  enqueued: number
  delivered: number
  retrying: number
  failed: number
}

export const SIGNATURE_HEADER = 'x-sin-signature'
export const TIMESTAMP_HEADER = 'x-sin-timestamp'
export const EVENT_ID_HEADER = 'x-sin-event-id'

const ACTOR = systemActor('webhooks')
const BATCH = 500
/** Far longer than any attempt (the timeout is seconds), so only a stopped process's sends qualify. */
const ABANDONED_AFTER_MS = 10 * 60_000

type Endpoint = EndpointRow & { authorityCode: string }
type Planned = { eventId: string; payload: WebhookPayload }

/** A stable id for "this clock, due that day, is overdue", so every tick names it the same. */
function overdueEventId(incidentId: string, clockId: string, dueDate: string): string {
  const hex = createHash('sha256').update(`clock.overdue|${incidentId}|${clockId}|${dueDate}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

export function webhookDeliveryService(deps: ServiceDeps & { readonly calendar: BankHolidayCalendar }, settings: WebhookDeliverySettings) {
  const maxAttempts = settings.maxAttempts ?? MAX_ATTEMPTS
  const link = (incidentId: string) => `${settings.baseUrl.replace(/\/$/, '')}/incidents/${incidentId}`

  /** The deliveries the audit trail calls for, and the last entry read (where the cursors move to). */
  async function fromAudit(endpoints: readonly Endpoint[]): Promise<{ planned: Map<string, Planned[]>; lastSeq: number | null }> {
    const planned = new Map<string, Planned[]>()
    if (endpoints.length === 0) return { planned, lastSeq: null }
    const repository = webhooksRepository(deps.database.db)
    const entries = await repository.eventEntries(Math.min(...endpoints.map((e) => e.audit_cursor)), AUDITED_EVENT_ACTIONS, BATCH)
    for (const endpoint of endpoints) {
      const wanted = parseEvents(endpoint.events)
      const mine: Planned[] = []
      for (const entry of entries) {
        const event = eventForAuditAction(entry.action)
        // Only this authority's cases, and only what happened since the endpoint's cursor.
        if (!event || entry.seq <= endpoint.audit_cursor || entry.authorityId !== endpoint.authority_id || !wanted.includes(event.type)) continue
        mine.push({
          eventId: entry.id,
          payload: { id: entry.id, type: event.type, occurredAt: entry.at, authority: endpoint.authorityCode, incident: { id: entry.incidentId, reference: entry.reference, link: link(entry.incidentId) }, ...(event.detail ? { detail: event.detail } : {}) },
        })
      }
      planned.set(endpoint.id, mine)
    }
    return { planned, lastSeq: entries.at(-1)?.seq ?? null }
  }

  /** Clocks past their due day. Only those overdue since the endpoint was added or enabled: no old backlog. */
  async function overdueClocks(endpoints: readonly Endpoint[], now: Date, planned: Map<string, Planned[]>): Promise<void> {
    const listening = endpoints.filter((e) => parseEvents(e.events).includes('clock.overdue'))
    if (listening.length === 0) return
    const today = londonDay(now).toString()
    const overdue = (await whatIsDue(deps.database.db, deps.calendar, settings.sources)).filter((item) => item.dueDate < today)
    for (const endpoint of listening) {
      const since = londonDay(new Date(endpoint.listening_since)).addDays(-1).toString()
      for (const item of overdue) {
        if (item.authorityId !== endpoint.authority_id || item.dueDate < since) continue
        const eventId = overdueEventId(item.incidentId, item.clockId, item.dueDate)
        const payload: WebhookPayload = {
          id: eventId, type: 'clock.overdue', occurredAt: now.toISOString(), authority: endpoint.authorityCode,
          incident: { id: item.incidentId, reference: item.reference, link: link(item.incidentId) }, clock: { name: item.clockName, dueDate: item.dueDate },
        }
        planned.get(endpoint.id)?.push({ eventId, payload })
      }
    }
  }

  async function enqueue(endpoints: readonly Endpoint[], now: Date): Promise<number> {
    const { planned, lastSeq } = await fromAudit(endpoints)
    await overdueClocks(endpoints, now, planned)
    const repository = webhooksRepository(deps.database.db)
    let enqueued = 0
    for (const endpoint of endpoints) {
      const mine = planned.get(endpoint.id) ?? []
      // The check only saves work; the unique (endpoint, event) pair is what decides.
      const existing = await repository.existingEvents(endpoint.id, mine.map((p) => p.eventId))
      for (const { eventId, payload } of mine) {
        if (existing.has(eventId)) continue
        if (await repository.enqueue({ endpoint_id: endpoint.id, event_id: eventId, event_type: payload.type, payload: JSON.stringify(payload) }, now.toISOString())) enqueued += 1
      }
      // Only after its deliveries exist, so a crash in between re-reads rather than loses events.
      if (lastSeq !== null) await repository.advanceCursor(endpoint.id, lastSeq)
    }
    return enqueued
  }

  /** One attempt: sign, post, log the attempt, then delivered, retry later, or failed. */
  async function attempt(delivery: DeliveryRow, endpoint: Endpoint): Promise<DeliveryRow['status']> {
    const timestamp = String(Math.floor(deps.now().getTime() / 1000))
    const secret = openSecret(endpoint.secret, settings.secretKey ?? null)
    // A sealed secret without its key (WEBHOOK_SECRET_KEY unset or changed) sends nothing unsigned.
    const result = secret === null
      ? { statusCode: null, durationMs: 0, error: 'secret_unavailable' }
      : await postJson(endpoint.url, delivery.payload, {
        [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature(secret, timestamp, delivery.payload), [EVENT_ID_HEADER]: delivery.event_id,
      }, { timeoutMs: settings.timeoutMs ?? DELIVERY_TIMEOUT_MS, allowPrivateAddresses: settings.allowPrivateAddresses })
    const number = delivery.attempts + 1
    return inTransaction(deps, async (work) => {
      const repository = webhooksRepository(work.trx)
      const at = work.now.toISOString()
      await repository.addAttempt({ delivery_id: delivery.id, endpoint_id: endpoint.id, attempt: number, at, status_code: result.statusCode, duration_ms: result.durationMs, error: result.error })
      const about = { authorityId: endpoint.authority_id, recordType: 'webhook-endpoint', recordId: endpoint.id }
      if (result.error === null) {
        await repository.finish(delivery.id, 'delivered', at, at)
        await work.audit(ACTOR, { ...about, action: 'webhook.delivered', outcome: `${delivery.event_type} (event ${delivery.event_id}), attempt ${number}` })
        return 'delivered'
      }
      if (number < maxAttempts) {
        await repository.finish(delivery.id, 'retry', new Date(work.now.getTime() + retryDelayMs(number, settings.retryBaseMs)).toISOString(), at)
        return 'retry'
      }
      await repository.finish(delivery.id, 'failed', at, at)
      await work.audit(ACTOR, { ...about, action: 'webhook.failed', outcome: `${delivery.event_type} (event ${delivery.event_id}): ${result.error}, gave up after ${number} attempts` })
      return 'failed'
    })
  }

  return {
    /** One pass; safe in several processes at once (see the top of this file). */
    async tick(): Promise<WebhookTickResult> {
      const result: WebhookTickResult = { enqueued: 0, delivered: 0, retrying: 0, failed: 0 }
      const repository = webhooksRepository(deps.database.db)
      const endpoints = await repository.enabledEndpoints()
      result.enqueued = await enqueue(endpoints, deps.now())
      const byId = new Map(endpoints.map((e) => [e.id, e]))
      for (const delivery of await repository.due(deps.now().toISOString(), new Date(deps.now().getTime() - ABANDONED_AFTER_MS).toISOString(), BATCH)) {
        const endpoint = byId.get(delivery.endpoint_id)
        // A disabled endpoint's queue waits; it is sent if the endpoint is enabled again.
        if (!endpoint || !(await repository.claim(delivery, deps.now().toISOString()))) continue
        const status = await attempt(delivery, endpoint)
        if (status === 'delivered') result.delivered += 1
        else if (status === 'retry') result.retrying += 1
        else result.failed += 1
      }
      return result
    },
  }
}

export type WebhookDeliveryService = ReturnType<typeof webhookDeliveryService>
