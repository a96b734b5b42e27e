// Retention and rights (issue 8, item 7): the authority's retention periods (auditors read them,
// admins change them, every change audited) and the subject access export of one child's records
// (roles with 'export' only; another authority's child is "not found").
import type { FastifyInstance } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors, parseForm } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { forbidden, notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { loadIncident } from '../incidents/outcome.js'
import { param } from '../clocks/step-form.js'
import { sendFile } from '../notifications/routes.js'
import { retentionRows, subjectAccessSections } from './presenter.js'
import { subjectAccessSchema } from './schema.js'

export default async function retentionRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  app.get('/settings/retention', { config: requires('settings:view') }, async (request, reply) => {
    const periods = await services.retention.periods(currentAuthorityId(request))
    return reply.page('retention/views/settings.njk', { rows: retentionRows(periods), values: periods, canManage: request.permissions.can('settings:manage') })
  })

  app.post('/settings/retention', { config: requires('settings:manage') }, async (request, reply) => {
    const authorityId = currentAuthorityId(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    const result = await services.retention.updatePeriods(actorOf(request), authorityId, body)
    if (result.ok) return reply.redirect('/settings/retention', 303)
    if (result.reason === 'forbidden') throw forbidden()
    const periods = await services.retention.periods(authorityId)
    return reply.page('retention/views/settings.njk', { rows: retentionRows(periods), values: { ...periods, ...body }, canManage: true, ...formErrors(result.errors) }, 400)
  })

  const sarPath = '/incidents/:id/children/:childId/subject-access'
  const childOf = async (request: Parameters<typeof loadIncident>[1]) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const childId = param(request, 'childId')
    const index = incident.record.children.findIndex((c) => c.id === childId)
    if (index < 0) throw notFound()
    return { incident, childId, childNumber: index + 1 }
  }

  app.get(sarPath, { config: requires('export') }, async (request, reply) => reply.page('retention/views/subject-access-form.njk', { ...(await childOf(request)), values: { format: 'html' } }))

  app.post(sarPath, { config: requires('export') }, async (request, reply) => {
    const child = await childOf(request)
    const again = (errors: object) => reply.page('retention/views/subject-access-form.njk', { ...child, values: request.body ?? {}, ...errors }, 400)
    const parsed = parseForm(subjectAccessSchema, request.body)
    if (!parsed.ok) return again(parsed)
    const result = await services.subjectAccess.exportChild(actorOf(request), child.incident.id, child.childId, parsed.data.justification)
    if (!result.ok) {
      if (result.reason === 'invalid') return again(formErrors(result.errors))
      throw result.reason === 'forbidden' ? forbidden() : notFound()
    }
    const filename = `${result.data.reference}-child-${child.childNumber}-subject-access`
    if (parsed.data.format === 'json') return sendFile(reply, { filename: `${filename}.json`, type: 'application/json; charset=utf-8', body: JSON.stringify(result.data, null, 2) })
    void reply.header('cache-control', 'no-store')
    return reply.page('retention/views/subject-access.njk', { incident: child.incident, data: result.data, sections: subjectAccessSections(result.data) })
  })
}
