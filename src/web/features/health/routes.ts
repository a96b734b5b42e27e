// /health for load balancers and monitoring: the service's state and its database's, no secrets.
import type { FastifyInstance } from 'fastify'
import { PUBLIC } from '../../plugins/access.js'
import type { FeatureOptions } from '../index.js'

export default async function healthRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  app.get('/health', { config: { access: PUBLIC } }, async (_request, reply) => {
    const { database } = await services.health()
    const ok = database === 'ok'
    return reply.code(ok ? 200 : 503).header('cache-control', 'no-store').send({ status: ok ? 'ok' : 'unavailable', database })
  })
}
