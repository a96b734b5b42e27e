// Talking it through (domain R12): the decision owner or business unit asks the police and health
// partners; each partner records a view, the decision owner their working view; a partner may
// raise a possible incident with the authority, which goes straight onto the decision owner's list.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import type { FormErrors } from '../../forms.js'
import type { FeatureOptions } from '../index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { canTransition, STATUSES, type LifecycleAction } from '../../../domain/lifecycle/index.js'
import { forbidden } from '../../plugins/errors.js'
import { commentForm, raiseForm, readDates, versionSchema, viewForm } from './schema.js'
import { answer, loadIncident, type Again, type ServiceAnswer } from './outcome.js'
import { items } from './labels.js'

type Params = { Params: { id: string } }

/** A form for a step the lifecycle does not offer this user now is refused, not shown to fail later. */
export function offered(incident: IncidentView, ...steps: (LifecycleAction | undefined)[]): void {
  if (steps.some((s) => s !== undefined) && !steps.some((s) => s !== undefined && incident.actions.includes(s))) throw forbidden()
}

/**
 * A post of a step this user's role never takes (at any status) is refused before its form is
 * read, so the form is never shown back to them with field errors (ASVS 8.2.1). A step merely
 * not offered at this status still reaches the service, which answers with a message (409).
 */
function takenByRole(request: FastifyRequest, step: LifecycleAction | undefined): void {
  const role = request.permissions.role
  if (step !== undefined && !STATUSES.some((status) => canTransition(status, role, step))) throw forbidden()
}

/** A form on an incident: the page, and the post that calls `save` with the version it showed. */
export function incidentForm(
  app: FastifyInstance,
  services: FeatureOptions['services'],
  spec: {
    path: string
    access: Parameters<typeof requires>[0]
    template: string
    /** What the page shows besides the form; it may read the case (a notification, a clock). */
    data?: (incident: IncidentView, request: FastifyRequest) => Promise<Record<string, unknown>> | Record<string, unknown>
    /** What the form starts from on first showing, so a user changes answers rather than retyping them. */
    initial?: (request: FastifyRequest, incident: IncidentView) => Promise<Record<string, unknown>> | Record<string, unknown>
    save: (request: FastifyRequest, incident: IncidentView, version: number) => Promise<ServiceAnswer>
    dates?: string[]
    step?: LifecycleAction
    /** Where a saved form goes; the case page unless a step has its own page (the rapid review). */
    next?: (incident: IncidentView) => string
  },
): void {
  const page = async (reply: FastifyReply, incident: IncidentView, data: Record<string, unknown>, status?: number) =>
    reply.page(spec.template, { incident, items, ...((await spec.data?.(incident, reply.request)) ?? {}), ...data }, status)
  app.get<Params>(`/incidents/:id/${spec.path}`, { config: requires(spec.access) }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    offered(incident, spec.step)
    const initial = (await spec.initial?.(request, incident)) ?? {}
    return page(reply, incident, { values: { ...initial, version: incident.version } })
  })
  app.post<Params>(`/incidents/:id/${spec.path}`, { config: requires(spec.access) }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    takenByRole(request, spec.step)
    const again: Again = (errors: FormErrors, status: number, version?: number) =>
      page(reply, incident, { ...errors, values: { ...(request.body as object), ...(version ? { version } : {}) } }, status)
    const version = versionSchema.safeParse(request.body)
    const options = { next: spec.next?.(incident) ?? `/incidents/${incident.id}`, again, dates: spec.dates, current: async () => incident.version }
    if (!version.success) return answer(reply, { ok: false, reason: 'stale' }, options)
    return answer(reply, await spec.save(request, incident, version.data.version), options)
  })
}

export default async function deliberationRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  incidentForm(app, services, {
    path: 'request-views', access: 'case:view', step: 'request_views', template: 'incidents/views/comment.njk',
    data: () => ({ title: 'Ask the police and health partners for their views', commentLabel: 'What you would like the partners to consider (optional)', button: 'Ask for their views' }),
    save: (request, incident, version) => services.partnerViews.requestViews(actorOf(request), incident.id, version, commentForm.parse(request.body ?? {}).comment || undefined),
  })

  app.get<Params>('/incidents/:id/view', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    offered(incident, 'record_view', 'record_working_view')
    return reply.page('incidents/views/view.njk', { incident, items, owner: request.permissions.can('decision:record'), values: { version: incident.version } })
  })

  app.post<Params>('/incidents/:id/view', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    const owner = request.permissions.can('decision:record')
    takenByRole(request, owner ? 'record_working_view' : 'record_view')
    const again: Again = (errors, status, version) =>
      reply.page('incidents/views/view.njk', { ...errors, incident, items, owner, values: { ...(request.body as object), ...(version ? { version } : {}) } }, status)
    const version = versionSchema.safeParse(request.body)
    const options = { next: `/incidents/${incident.id}`, again, current: async () => incident.version }
    if (!version.success) return answer(reply, { ok: false, reason: 'stale' }, options)
    const input = viewForm.parse(request.body ?? {})
    const actor = actorOf(request)
    const result = owner ? await services.partnerViews.recordWorkingView(actor, incident.id, version.data.version, input) : await services.partnerViews.recordView(actor, incident.id, version.data.version, input)
    return answer(reply, result, options)
  })

  app.get('/incidents/raise', { config: requires('partner-view:record') }, async (_request, reply) => reply.page('incidents/views/raise.njk', { values: {} }))

  app.post('/incidents/raise', { config: requires('partner-view:record') }, async (request, reply) => {
    const again: Again = (errors, status) => reply.page('incidents/views/raise.njk', { ...errors, values: request.body ?? {} }, status)
    const dates = readDates(request.body, { awareDate: 'Date you became aware' })
    const options = { next: '/incidents', again, dates: ['awareDate'] }
    if (Object.keys(dates.errors).length > 0) return answer(reply, { ok: false, reason: 'invalid', errors: dates.errors }, options)
    const { outline } = raiseForm.parse(request.body ?? {})
    const result = await services.partnerViews.raiseIncident(actorOf(request), currentAuthorityId(request), { awareDate: dates.values['awareDate'], outline })
    return answer(reply, result, { ...options, next: result.ok ? `/incidents/${result.id}` : '/incidents' })
  })
}
