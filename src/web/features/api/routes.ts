// The API feature: the JSON API under /api/v1, its OpenAPI document, and the readable docs.
import type { FastifyInstance } from 'fastify'
import { PUBLIC } from '../../plugins/access.js'
import type { FeatureOptions } from '../index.js'
import { assessmentRoutes } from './assessments.js'
import { caseStepRoutes } from './case-steps.js'
import type { ApiRoute } from './define.js'
import { docsView } from './docs-presenter.js'
import { incidentRoutes } from './incidents.js'
import { openApiDocument } from './openapi.js'
import { apiV1 } from './plugin.js'

export const API_PREFIX = '/api/v1'

export function apiRoutes(services: FeatureOptions['services']): ApiRoute[] {
  return [...assessmentRoutes(services), ...incidentRoutes(services), ...caseStepRoutes(services)]
}

export default async function api(app: FastifyInstance, { services, apiRequestsPerMinute }: FeatureOptions): Promise<void> {
  const routes = apiRoutes(services)
  const document = openApiDocument(routes, API_PREFIX)
  await app.register(
    async (v1) => {
      await apiV1(v1, { services, routes, ...(apiRequestsPerMinute ? { rateLimit: { max: apiRequestsPerMinute, timeWindow: '1 minute' } } : {}) })
      v1.get('/openapi.json', { config: { access: PUBLIC } }, async () => document)
    },
    { prefix: API_PREFIX },
  )
  const docs = docsView(document)
  app.get('/api/docs', { config: { access: PUBLIC } }, async (_request, reply) => reply.page('api/views/docs.njk', docs))
}
