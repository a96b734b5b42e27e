// The footer's pages: accessibility statement, privacy notice and cookies. Public.
import type { FastifyInstance } from 'fastify'
import { PUBLIC } from '../../plugins/access.js'
import { sessionCookieName } from '../../plugins/session.js'
import type { FeatureOptions } from '../index.js'

export default async function infoRoutes(app: FastifyInstance, { cookieSecure }: FeatureOptions): Promise<void> {
  const page = (path: string, template: string, data: Record<string, unknown> = {}) =>
    app.get(path, { config: { access: PUBLIC } }, async (_request, reply) => reply.page(`info/views/${template}`, data))
  page('/accessibility', 'accessibility.njk')
  page('/privacy', 'privacy.njk')
  page('/cookies', 'cookies.njk', { cookieName: sessionCookieName(cookieSecure) })
}
