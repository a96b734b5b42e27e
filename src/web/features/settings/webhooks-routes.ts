// The authority's webhook endpoints (admins only): list, add, see the delivery log, rotate the
// secret, disable and enable. A new or rotated secret is shown on the page that answers the form,
// once, never stored in the session or shown again; that page is not cached.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { endpointRows, eventItems, logRows } from './webhooks-presenter.js'

type EndpointParams = { Params: { endpointId: string } }

const MANAGE = { config: requires('settings:manage') }

export default async function webhooksRoutes(app: FastifyInstance, { services, production }: FeatureOptions): Promise<void> {
  const webhooks = services.webhooks({ production })
  const showSecret = (reply: FastifyReply, secret: string, url: string, rotated: boolean) =>
    reply.header('cache-control', 'no-store').page('settings/views/webhook-secret.njk', { secret, url, rotated })

  app.get('/settings/webhooks', MANAGE, async (request, reply) => {
    const result = await webhooks.list(actorOf(request), currentAuthorityId(request))
    if (!result.ok) throw notFound()
    return reply.page('settings/views/webhooks.njk', { endpoints: endpointRows(result.endpoints) })
  })

  app.get('/settings/webhooks/new', MANAGE, async (_request, reply) => reply.page('settings/views/new-webhook.njk', { values: {}, events: eventItems([]) }))

  app.post('/settings/webhooks/new', MANAGE, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const url = typeof body.url === 'string' ? body.url : ''
    // A form sends one checked box as a string and several as an array.
    const events = ([] as unknown[]).concat(body.events ?? []).filter((e): e is string => typeof e === 'string')
    const result = await webhooks.add(actorOf(request), currentAuthorityId(request), { url, events })
    if (result.ok) return showSecret(reply, result.secret, url.trim(), false)
    if (result.reason === 'invalid') return reply.page('settings/views/new-webhook.njk', { ...formErrors(result.errors, { events: 'events' }), values: { url }, events: eventItems(events) }, 400)
    throw notFound()
  })

  const log = async (request: FastifyRequest<EndpointParams>) => {
    const result = await webhooks.deliveryLog(actorOf(request), currentAuthorityId(request), request.params.endpointId)
    if (!result.ok) throw notFound()
    return result
  }

  app.get<EndpointParams>('/settings/webhooks/:endpointId', MANAGE, async (request, reply) => {
    const { endpoint, attempts } = await log(request)
    return reply.page('settings/views/webhook.njk', { endpoint, summary: endpointRows([endpoint])[0], attempts: logRows(attempts) })
  })

  app.post<EndpointParams>('/settings/webhooks/:endpointId/rotate', MANAGE, async (request, reply) => {
    const { endpoint } = await log(request)
    const result = await webhooks.rotateSecret(actorOf(request), currentAuthorityId(request), endpoint.id)
    if (!result.ok) throw notFound()
    return showSecret(reply, result.secret, endpoint.url, true)
  })

  for (const change of ['disable', 'enable'] as const) {
    app.post<EndpointParams>(`/settings/webhooks/:endpointId/${change}`, MANAGE, async (request, reply) => {
      const result = await webhooks.setEnabled(actorOf(request), currentAuthorityId(request), request.params.endpointId, change === 'enable')
      if (!result.ok) throw notFound()
      return reply.redirect(`/settings/webhooks/${request.params.endpointId}`, 303)
    })
  }
}
