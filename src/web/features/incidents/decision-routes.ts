// The decision (only the decision owner): notify, do not notify or refer, with the reasons, the
// judgements the rules left open and, when it departs from the rules' outcome, why. Then revisiting
// it (the earlier decision stays as history), liaison with another authority, and changing the
// notifications proposed for several children.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import type { Judgement, Judgements } from '../../../domain/incident/index.js'
import { childLabel } from '../../../domain/incident/index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { commentForm, decisionForm, groupingForm, readDates, versionSchema } from './schema.js'
import { answer, loadIncident, type Again, type ServiceAnswer } from './outcome.js'
import { incidentForm, offered } from './deliberation-routes.js'
import { supportView, viewsView } from './case-presenter.js'
import { items } from './labels.js'

type Params = { Params: { id: string } }
const field = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? String(body[name]).trim() : '')

function judgementFrom(body: Record<string, unknown>, prefix: string): Judgement | undefined {
  const answerText = field(body, `${prefix}-answer`)
  const why = field(body, `${prefix}-why`)
  // Without an answer there is no judgement: the service then asks for one, in its own words.
  return answerText === 'yes' || answerText === 'no' ? { answer: answerText, why } : undefined
}

/** The service's field names as the page's: `judgements.seriousHarm.<child>` is `seriousHarm-<child>`. */
function pageErrors(result: ServiceAnswer): ServiceAnswer {
  if (result.ok || result.reason !== 'invalid') return result
  const rename = (key: string) => key.replace(/^judgements\.abuseOrNeglect.*/, 'abuseOrNeglect').replace(/^judgements\.seriousHarm\.([^.]+).*/, 'seriousHarm-$1')
  return { ...result, errors: Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [rename(k), v])) }
}

export default async function decisionRoutes(app: FastifyInstance, { services, now }: FeatureOptions): Promise<void> {
  async function decisionPage(reply: FastifyReply, incident: IncidentView, data: Record<string, unknown>, status?: number) {
    const actor = actorOf(reply.request)
    const [support, views, history] = await Promise.all([services.decisions.support(actor, incident.id), services.partnerViews.viewsSideBySide(actor, incident.id), services.decisions.history(actor, incident.id)])
    if (!support.ok || !views.ok || !history.ok) throw notFound()
    const pending = support.support.assessment.ok ? support.support.assessment.assessment.pendingJudgement : []
    const labelOf = (id: string) => {
      const index = incident.record.children.findIndex((c) => c.id === id)
      const child = incident.record.children[index]
      return child ? childLabel(child, index) : 'the child'
    }
    return reply.page('incidents/views/decision.njk', {
      incident, items, support: supportView(incident, support.support, now()), views: viewsView(views.views), decisions: history.decisions,
      abuseOpen: pending.some((p) => p.judgement === 'abuse_or_neglect'),
      harmOpen: pending.filter((p) => p.judgement === 'serious_harm').map((p) => ({ id: p.childId, label: labelOf(p.childId) })),
      ...data,
    }, status)
  }

  app.get<Params>('/incidents/:id/decision', { config: requires('decision:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    offered(incident, 'decide_notify', 'decide_do_not_notify', 'decide_refer')
    return decisionPage(reply, incident, { values: { version: incident.version } })
  })

  app.post<Params>('/incidents/:id/decision', { config: requires('decision:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    const body = (request.body ?? {}) as Record<string, unknown>
    const again: Again = (errors, status, version) => decisionPage(reply, incident, { ...errors, values: { ...body, ...(version ? { version } : {}) } }, status)
    const version = versionSchema.safeParse(body)
    const options = { next: `/incidents/${incident.id}`, again, current: async () => incident.version }
    if (!version.success) return answer(reply, { ok: false, reason: 'stale' }, options)
    const form = decisionForm.parse(body)
    const seriousHarm = Object.fromEntries(incident.record.children.flatMap((c) => {
      const j = judgementFrom(body, `seriousHarm-${c.id}`)
      return j ? [[c.id, j]] : []
    }))
    const abuseOrNeglect = judgementFrom(body, 'abuseOrNeglect')
    const judgements: Judgements = { ...(abuseOrNeglect ? { abuseOrNeglect } : {}), ...(Object.keys(seriousHarm).length ? { seriousHarm } : {}) }
    const result = await services.decisions.recordDecision(actorOf(request), incident.id, version.data.version, { ...form, judgements })
    return answer(reply, pageErrors(result), options)
  })

  incidentForm(app, services, {
    path: 'revisit', access: 'decision:record', step: 'revisit', template: 'incidents/views/comment.njk',
    data: () => ({ title: 'Revisit the decision', commentLabel: 'What has changed', hint: 'The earlier decision, and the facts it was made on, stay in the history.', button: 'Revisit the decision', required: true }),
    save: (request, incident, version) => services.decisions.revisit(actorOf(request), incident.id, version, commentForm.parse(request.body ?? {}).comment),
  })

  incidentForm(app, services, {
    path: 'liaison', access: 'decision:record', step: 'record_liaison', template: 'incidents/views/liaison.njk', dates: ['contactedOn'],
    initial: (_request, incident) => ({ otherAuthority: incident.record.incident?.otherAuthorityName ?? '' }),
    save: (request, incident, version) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const dates = readDates(body, { contactedOn: 'Date of contact' })
      if (Object.keys(dates.errors).length > 0) return Promise.resolve({ ok: false, reason: 'invalid', errors: dates.errors })
      return services.decisions.recordLiaison(actorOf(request), incident.id, version, { otherAuthority: field(body, 'otherAuthority'), contact: field(body, 'contact'), contactedOn: dates.values['contactedOn'] ?? '', agreed: field(body, 'agreed') })
    },
  })

  incidentForm(app, services, {
    path: 'notifications', access: 'incident:record', step: 'adjust_notifications', template: 'incidents/views/notifications.njk',
    data: (incident) => ({ children: incident.record.children.map((c, i) => ({ id: c.id, label: childLabel(c, i) })), choices: incident.record.children.map((_, i) => i + 1) }),
    // Start from the grouping in force: the user's earlier adjustment, else the proposal.
    initial: async (request, incident) => {
      const support = await services.decisions.support(actorOf(request), incident.id)
      if (!support.ok) return {}
      const groups = support.support.adjusted?.groups ?? support.support.proposed
      return Object.fromEntries(groups.flatMap((group, n) => group.childIds.map((id) => [`group-${id}`, String(n + 1)])))
    },
    save: (request, incident, version) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const groups = new Map<string, string[]>()
      for (const child of incident.record.children) {
        const group = field(body, `group-${child.id}`)
        if (group) groups.set(group, [...(groups.get(group) ?? []), child.id])
      }
      const { reason } = groupingForm.parse(body)
      return services.decisions.adjustNotifications(actorOf(request), incident.id, version, { groups: [...groups.values()].map((childIds) => ({ childIds })), reason })
    },
  })
}
