// The footer's pages: accessibility statement, privacy notice and cookies. Public.
import type { FastifyInstance } from 'fastify'
import { PUBLIC } from '../../plugins/access.js'
import { sessionCookieName } from '../../plugins/session.js'
import type { FeatureOptions } from '../index.js'
import { retentionRows } from '../retention/presenter.js'

export default async function infoRoutes(app: FastifyInstance, { cookieSecure, services }: FeatureOptions): Promise<void> {
  const page = (path: string, template: string, data: Record<string, unknown> = {}) =>
    app.get(path, { config: { access: PUBLIC } }, async (_request, reply) => reply.page(`info/views/${template}`, data))
  page('/accessibility', 'accessibility.njk')
  // The periods in force for the signed-in user's authority; the defaults for everyone else.
  app.get('/privacy', { config: { access: PUBLIC } }, async (request, reply) => {
    const authority = request.permissions.currentAuthority
    return reply.page('info/views/privacy.njk', { retention: retentionRows(await services.retention.periods(authority?.id ?? null)), retentionAuthority: authority?.name ?? null })
  })
  page('/cookies', 'cookies.njk', { cookieName: sessionCookieName(cookieSecure) })
}
