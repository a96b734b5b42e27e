// An authority's webhook endpoints, managed by its admins: add (the service makes the signing
// secret and shows it once), rotate the secret, disable and enable, and read the delivery log.
// Every change is audited in its own transaction; the trail never holds the secret.
import { randomBytes, randomUUID } from 'node:crypto'
import { webhooksRepository, type AttemptLogRow, type EndpointRow } from '../data/repositories/webhooks.js'
import { checkEndpointUrl, MAX_ENDPOINTS_PER_AUTHORITY, parseEvents, WEBHOOK_EVENTS, type WebhookEvent } from '../domain/webhooks/index.js'
import { inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { sealSecret } from './webhook-secrets.js'

export interface WebhookManagementSettings {
  /** Production requires https; elsewhere http to localhost is allowed for trying a receiver out. */
  readonly production: boolean
  /** Seals the secret at rest when set (createServices passes WEBHOOK_SECRET_KEY). */
  readonly secretKey?: Buffer | null
}

export interface WebhookEndpoint {
  readonly id: string
  readonly url: string
  readonly events: readonly WebhookEvent[]
  readonly enabled: boolean
  readonly createdAt: string
}

export type { AttemptLogRow as DeliveryAttempt } from '../data/repositories/webhooks.js'

export type Invalid = { readonly ok: false; readonly reason: 'invalid'; readonly errors: Readonly<Record<string, string>> }
type Forbidden = Refusal<'forbidden'>
type NotFound = Refusal<'not-found'>

function endpointOf(row: EndpointRow): WebhookEndpoint {
  return { id: row.id, url: row.url, events: parseEvents(row.events), enabled: row.disabled_at === null, createdAt: row.created_at }
}

/** 32 random bytes, prefixed so a leaked one is recognisable in a secret scanner. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

const ABOUT = 'webhook-endpoint'

export function webhookService(deps: ServiceDeps, settings: WebhookManagementSettings) {
  const may = (actor: Actor, authorityId: string) => actor.kind === 'system' || actor.permissions.canIn(authorityId, 'settings:manage')

  return {
    async list(actor: Actor, authorityId: string): Promise<{ ok: true; endpoints: WebhookEndpoint[] } | Forbidden> {
      if (!may(actor, authorityId)) return refuse('forbidden')
      return { ok: true, endpoints: (await webhooksRepository(deps.database.db).endpoints(authorityId)).map(endpointOf) }
    },

    async add(actor: Actor, authorityId: string, input: { url: string; events: readonly string[] }): Promise<{ ok: true; id: string; secret: string } | Invalid | Forbidden> {
      const errors: Record<string, string> = {}
      const url = checkEndpointUrl(input.url, settings.production)
      if (!url.ok) errors.url = url.message
      const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e))
      if (events.length === 0 || events.length !== new Set(input.events).size) errors.events = 'Select the events to send'
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'settings:manage', { authorityId, recordType: ABOUT }))) return refuse('forbidden')
        const repository = webhooksRepository(work.trx)
        if ((await repository.endpoints(authorityId)).length >= MAX_ENDPOINTS_PER_AUTHORITY) errors.url ??= `An authority can have up to ${MAX_ENDPOINTS_PER_AUTHORITY} endpoints. Disable one you no longer use and change its address instead`
        if (!url.ok || Object.keys(errors).length > 0) return { ok: false as const, reason: 'invalid' as const, errors }
        const id = randomUUID()
        const secret = newSecret()
        const at = work.now.toISOString()
        await repository.insertEndpoint({ id, authority_id: authorityId, url: url.url, secret: sealSecret(secret, settings.secretKey ?? null), events: events.join(','), disabled_at: null, audit_cursor: await repository.auditHead(), listening_since: at, created_at: at, updated_at: at })
        await work.audit(actor, { action: 'webhook.added', outcome: `done: ${url.url} for ${events.join(', ')}`, authorityId, recordType: ABOUT, recordId: id })
        return { ok: true as const, id, secret }
      })
    },

    /** A new secret at once; deliveries signed from now on use it (the receiver must be told). */
    async rotateSecret(actor: Actor, authorityId: string, id: string): Promise<{ ok: true; secret: string } | Forbidden | NotFound> {
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'settings:manage', { authorityId, recordType: ABOUT, recordId: id }))) return refuse('forbidden')
        const repository = webhooksRepository(work.trx)
        if (!(await repository.endpoint(authorityId, id))) return refuse('not-found')
        const secret = newSecret()
        await repository.updateEndpoint(id, { secret: sealSecret(secret, settings.secretKey ?? null), updated_at: work.now.toISOString() })
        await work.audit(actor, { action: 'webhook.secret-rotated', outcome: 'done', authorityId, recordType: ABOUT, recordId: id })
        return { ok: true as const, secret }
      })
    },

    async setEnabled(actor: Actor, authorityId: string, id: string, enabled: boolean): Promise<{ ok: true } | Forbidden | NotFound> {
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'settings:manage', { authorityId, recordType: ABOUT, recordId: id }))) return refuse('forbidden')
        const repository = webhooksRepository(work.trx)
        const found = await repository.endpoint(authorityId, id)
        if (!found) return refuse('not-found')
        const at = work.now.toISOString()
        // Enabling starts from now: events while it was off are not sent late in a burst.
        const restarting = enabled && found.disabled_at !== null
        await repository.updateEndpoint(id, { disabled_at: enabled ? null : at, updated_at: at, ...(restarting ? { listening_since: at } : {}) })
        if (restarting) await repository.advanceCursor(id, await repository.auditHead())
        await work.audit(actor, { action: enabled ? 'webhook.enabled' : 'webhook.disabled', outcome: 'done', authorityId, recordType: ABOUT, recordId: id })
        return { ok: true as const }
      })
    },

    /** The endpoint and its latest attempts, newest first. */
    async deliveryLog(actor: Actor, authorityId: string, id: string, limit = 100): Promise<{ ok: true; endpoint: WebhookEndpoint; attempts: AttemptLogRow[] } | Forbidden | NotFound> {
      if (!may(actor, authorityId)) return refuse('forbidden')
      const repository = webhooksRepository(deps.database.db)
      const found = await repository.endpoint(authorityId, id)
      if (!found) return refuse('not-found')
      return { ok: true, endpoint: endpointOf(found), attempts: await repository.attempts(id, limit) }
    },
  }
}

export type WebhookService = ReturnType<typeof webhookService>
