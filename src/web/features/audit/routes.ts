// The auditors' view of the audit trail for their current authority, with filters and pages.
// A GET form, so results can be bookmarked; the filters hold no personal data beyond an actor's
// work email, and the log records paths without query strings.
import type { FastifyInstance } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { parseForm } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { forbidden } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { auditPagination, auditTable } from './presenter.js'
import { auditFiltersSchema } from './schema.js'

const PAGE_SIZE = 25

export default async function auditRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  app.get('/audit', { config: requires('audit:view') }, async (request, reply) => {
    const values = request.query as Record<string, string | undefined>
    const parsed = parseForm(auditFiltersSchema, request.query)
    if (!parsed.ok) return reply.page('audit/views/audit.njk', { ...parsed, values, entries: [] }, 400)
    const filters = parsed.data
    // A record filter is "type" or "type id", as the table shows it.
    const [recordType, recordId] = (filters.record ?? '').split(/\s+/, 2)
    const result = await services.audit.query(actorOf(request), currentAuthorityId(request), {
      ...(filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
      ...(filters.to ? { to: `${filters.to}T23:59:59.999Z` } : {}),
      ...(filters.actor ? { actor: filters.actor } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(recordType ? { recordType } : {}),
      ...(recordId ? { recordId } : {}),
      page: filters.page ?? 1,
      pageSize: PAGE_SIZE,
    })
    if (!result.ok) throw forbidden()
    return reply.page('audit/views/audit.njk', {
      values,
      entries: auditTable(result),
      total: result.total,
      pagination: auditPagination(result, filters),
      filtered: Boolean(filters.from || filters.to || filters.actor || filters.action || filters.record),
    })
  })
}
