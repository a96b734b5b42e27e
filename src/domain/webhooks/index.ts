// Webhooks as pure rules: which events there are and which audit actions raise them, what a
// payload may carry (never a child's details), the endpoint address rules, the signature, and
// the retry schedule. No I/O here (signing is in src/services/webhook-signing.ts); src/services/webhooks*.ts does the reading and sending.
export const WEBHOOK_EVENTS = ['incident.recorded', 'decision.made', 'notification.sent', 'clock.overdue'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEvent, string>> = {
  'incident.recorded': 'An incident is recorded',
  'decision.made': 'A decision is made on whether to notify',
  'notification.sent': 'A notification is recorded as sent',
  'clock.overdue': 'A statutory clock becomes overdue',
}

/** The audit actions that raise each event (the services' own names for the steps). */
const FROM_AUDIT: Readonly<Record<string, { type: WebhookEvent; detail?: string }>> = {
  'incident.created': { type: 'incident.recorded' },
  'incident.raised': { type: 'incident.recorded', detail: 'raised_by_partner' },
  'incident.decide-notify': { type: 'decision.made', detail: 'notify' },
  'incident.decide-do-not-notify': { type: 'decision.made', detail: 'do_not_notify' },
  'incident.decide-refer': { type: 'decision.made', detail: 'refer_to_other_authority' },
  'incident.record-notification': { type: 'notification.sent', detail: 'notification' },
  'incident.record-serious-incident-notification': { type: 'notification.sent', detail: 'serious_incident_notification' },
}
export const AUDITED_EVENT_ACTIONS: readonly string[] = Object.keys(FROM_AUDIT)

export function eventForAuditAction(action: string): { type: WebhookEvent; detail?: string } | undefined {
  return FROM_AUDIT[action]
}

/** An authority may have a few endpoints, not an unbounded fan-out. */
export const MAX_ENDPOINTS_PER_AUTHORITY = 5
/** Attempts before a delivery is marked failed; waits of 1, 2, 4, 8 minutes… between them. */
export const MAX_ATTEMPTS = 6
export const DELIVERY_TIMEOUT_MS = 5_000

export function retryDelayMs(attempt: number, baseMs = 60_000): number {
  return baseMs * 2 ** (attempt - 1)
}

/**
 * What a receiver is told. Deliberately no child's details, no comments and no free text from the
 * record: identifiers, the event and a link, so the receiver fetches anything else with its own
 * access (UK GDPR art 5(1)(c), data minimisation).
 */
export interface WebhookPayload {
  readonly id: string
  readonly type: WebhookEvent
  readonly occurredAt: string
  readonly authority: string
  readonly incident: { readonly id: string; readonly reference: string; readonly link: string }
  readonly detail?: string
  readonly clock?: { readonly name: string; readonly dueDate: string }
}

export type UrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string }

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** https always in production; http only to this machine outside it (for trying a receiver out). */
export function checkEndpointUrl(text: string, production: boolean): UrlCheck {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: 'Enter the address deliveries are sent to' }
  if (trimmed.length > 2000) return { ok: false, message: 'Address must be 2,000 characters or fewer' }
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return { ok: false, message: 'Enter a full address starting with https://, like https://example.gov.uk/webhooks' }
  }
  if (url.username || url.password) return { ok: false, message: 'Address must not contain a user name or password' }
  if (url.hash) return { ok: false, message: 'Address must not contain a # fragment' }
  if (url.protocol === 'https:') return { ok: true, url: url.toString() }
  if (url.protocol === 'http:' && !production && LOCAL_HOSTS.has(url.hostname)) return { ok: true, url: url.toString() }
  if (url.protocol === 'http:') {
    return { ok: false, message: production ? 'Address must start with https://' : 'Address must start with https:// (http:// is allowed only to localhost or 127.0.0.1)' }
  }
  return { ok: false, message: 'Enter a full address starting with https://, like https://example.gov.uk/webhooks' }
}

/** Stored as "a,b"; anything unknown is dropped, so a renamed event cannot send by accident. */
export function parseEvents(text: string): WebhookEvent[] {
  return text.split(',').filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e))
}
