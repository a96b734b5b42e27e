// The demo's outbox (issue 6): the alerts, reminders and digests the scheduler would have sent at
// the user's authority, for admins and the business unit. Outside production no email leaves the
// service, so this is where a newcomer sees them. Production does not have the page at all.
import type { FastifyInstance } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { forbidden } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { outboxPage } from './presenter.js'
import { outboxQuerySchema } from './schema.js'

/** The newest emails the page pages through; the demo's outbox stays far smaller. */
const MOST = 1000

export default async function outboxRoutes(app: FastifyInstance, { services, production }: FeatureOptions): Promise<void> {
  if (production) return
  app.get('/outbox', { config: requires('outbox:view') }, async (request, reply) => {
    const result = await services.outbox.list(actorOf(request), currentAuthorityId(request), MOST)
    if (!result.ok) throw forbidden()
    const query = outboxQuerySchema.safeParse(request.query ?? {})
    return reply.page('outbox/views/outbox.njk', outboxPage(result.emails, query.success ? (query.data.page ?? 1) : 1))
  })
}
