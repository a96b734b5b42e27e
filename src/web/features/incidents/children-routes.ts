// The children in an incident (the "add another" pattern): a summary of those added, one page per
// child to add or change, and removing one after a confirmation. Each save keeps the draft.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FormErrors } from '../../forms.js'
import type { FeatureOptions } from '../index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { childLabel } from '../../../domain/incident/index.js'
import { childForm, readDates, versionSchema } from './schema.js'
import { answer, loadIncident } from './outcome.js'
import { childValues } from './presenter.js'
import { items } from './labels.js'

type Params = { Params: { id: string; childId: string } }
const DATES = { dateOfBirth: 'Date of birth' }

function readChild(body: unknown): { input: object; errors: Record<string, string> } {
  const dates = readDates(body, DATES)
  const parsed = childForm.safeParse(body ?? {})
  if (!parsed.success) return { input: {}, errors: dates.errors }
  return { input: { ...parsed.data, ...dates.values }, errors: dates.errors }
}

export default async function childrenRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  const childPage = (reply: FastifyReply, incident: IncidentView, data: Record<string, unknown>, status?: number) =>
    reply.page('incidents/views/child.njk', { incident, items, ...data }, status)
  const findChild = (incident: IncidentView, childId: string) => {
    const index = incident.record.children.findIndex((c) => c.id === childId)
    const child = incident.record.children[index]
    if (!child) throw notFound()
    return { child, label: childLabel(child, index) }
  }

  /** Saves a new child (no childId) or changes one; back to the list of children. */
  async function save(request: FastifyRequest<Params>, reply: FastifyReply, childId?: string) {
    const { id } = request.params
    const incident = await loadIncident(services, request, id)
    const again = (errors: FormErrors, status: number, version?: number) =>
      childPage(reply, incident, { ...errors, childId, values: { ...(request.body as object), ...(version ? { version } : {}) } }, status)
    const version = versionSchema.safeParse(request.body)
    const { input, errors } = readChild(request.body)
    const options = { next: `/incidents/${id}/children`, again, dates: ['dateOfBirth'], current: async () => incident.version }
    if (!version.success || Object.keys(errors).length > 0) return answer(reply, { ok: false, reason: 'invalid', errors }, options)
    const actor = actorOf(request)
    const result = childId ? await services.incidents.saveChild(actor, id, version.data.version, childId, input) : await services.incidents.addChild(actor, id, version.data.version, input)
    return answer(reply, result, options)
  }

  app.get<Params>('/incidents/:id/children', { config: requires('incident:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    const children = incident.record.children.map((c, index) => ({ id: c.id, label: childLabel(c, index) }))
    return reply.page('incidents/views/children.njk', { incident, children })
  })

  app.get<Params>('/incidents/:id/children/new', { config: requires('incident:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    return childPage(reply, incident, { values: { version: incident.version } })
  })

  app.post<Params>('/incidents/:id/children/new', { config: requires('incident:record') }, (request, reply) => save(request, reply))

  app.get<Params>('/incidents/:id/children/:childId', { config: requires('incident:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    const { child } = findChild(incident, request.params.childId)
    return childPage(reply, incident, { childId: child.id, values: { ...childValues(child), version: incident.version } })
  })

  app.post<Params>('/incidents/:id/children/:childId', { config: requires('incident:record') }, (request, reply) => save(request, reply, request.params.childId))

  app.get<Params>('/incidents/:id/children/:childId/remove', { config: requires('incident:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    return reply.page('incidents/views/remove-child.njk', { incident, ...findChild(incident, request.params.childId), values: { version: incident.version } })
  })

  app.post<Params>('/incidents/:id/children/:childId/remove', { config: requires('incident:record') }, async (request, reply) => {
    const { id, childId } = request.params
    const incident = await loadIncident(services, request, id)
    const found = findChild(incident, childId)
    const again = (errors: FormErrors, status: number) => reply.page('incidents/views/remove-child.njk', { ...errors, incident, ...found, values: { version: incident.version } }, status)
    const version = versionSchema.safeParse(request.body)
    if (!version.success) return answer(reply, { ok: false, reason: 'stale' }, { next: '', again })
    const result = await services.incidents.removeChild(actorOf(request), id, version.data.version, childId)
    return answer(reply, result, { next: `/incidents/${id}/children`, again })
  })
}
