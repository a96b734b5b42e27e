// Webhook endpoints and their delivery log in the users' words.
import type { DeliveryAttempt as AttemptLogRow } from '../../../services/webhooks.js'
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from '../../../domain/webhooks/index.js'
import type { WebhookEndpoint } from '../../../services/webhooks.js'

export function eventItems(checked: readonly string[]) {
  return WEBHOOK_EVENTS.map((event) => ({ value: event, text: WEBHOOK_EVENT_LABELS[event], hint: { text: event }, checked: checked.includes(event) }))
}

export function eventNames(events: readonly WebhookEvent[]): string[] {
  return events.map((e) => WEBHOOK_EVENT_LABELS[e])
}

export function endpointRows(endpoints: readonly WebhookEndpoint[]) {
  return endpoints.map((e) => ({ ...e, eventNames: eventNames(e.events), status: e.enabled ? 'Enabled' : 'Disabled' }))
}

const STATUS: Readonly<Record<AttemptLogRow['deliveryStatus'], string>> = {
  pending: 'Waiting', sending: 'Sending', retry: 'Will retry', delivered: 'Delivered', failed: 'Failed',
}

/** What went wrong, in words; the class itself is shown too, for the receiver's developers. */
const ERRORS: Readonly<Record<string, string>> = {
  timeout: 'No answer in time', connection_refused: 'Connection refused', dns: 'Address not found', blocked_address: 'Refused: not a public address',
  tls: 'Secure connection failed', connection_reset: 'Connection dropped', redirect_not_followed: 'Redirected (not followed)', network: 'Network error',
  secret_unavailable: 'Not sent: the signing secret cannot be unsealed (check WEBHOOK_SECRET_KEY)',
}

export function errorText(error: string | null): string {
  if (error === null) return 'None'
  if (/^http_\d+$/.test(error)) return `Receiver answered ${error.slice(5)}`
  return ERRORS[error] ?? error
}

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function logRows(attempts: readonly AttemptLogRow[]) {
  return attempts.map((a) => [
    { text: london.format(new Date(a.at)) },
    { text: a.eventType },
    { text: String(a.attempt), format: 'numeric' },
    { text: a.statusCode === null ? 'None' : String(a.statusCode), format: 'numeric' },
    { text: `${a.durationMs} ms`, format: 'numeric' },
    { text: errorText(a.error) },
    { text: STATUS[a.deliveryStatus] },
  ])
}
