// Incidents: the worklist (the decision owner's "needs a discussion" list and everyone's incidents
// in the authority) and the case page with its decision support. Recording, partners' views and
// the decision have their own route files, registered here.
import type { FastifyInstance } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { forbidden, notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { loadIncident } from './outcome.js'
import { answerCards, listRows } from './presenter.js'
import { actionLinks, historyItems, supportView, viewsView } from './case-presenter.js'
import { decisionOwnerContact } from './contact.js'
import { statusTag } from './labels.js'
import recordRoutes from './record-routes.js'
import childrenRoutes from './children-routes.js'
import deliberationRoutes from './deliberation-routes.js'
import decisionRoutes from './decision-routes.js'
import { afterDecisionSection } from '../clocks/case-section.js'

export default async function incidentRoutes(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { services, now } = options

  app.get('/incidents', { config: requires('case:view') }, async (request, reply) => {
    const actor = actorOf(request)
    const isOwner = request.permissions.can('decision:record')
    const [all, needs] = await Promise.all([services.incidents.listIncidents(actor), isOwner ? services.incidents.listIncidents(actor, { needsDecisionOwner: true }) : null])
    if (!all.ok) throw forbidden()
    return reply.page('incidents/views/list.njk', {
      rows: listRows(all.incidents, now()),
      needsRows: needs?.ok ? listRows(needs.incidents, now()) : null,
      canRecord: request.permissions.can('incident:record'),
      canRaise: request.permissions.can('partner-view:record'),
      contact: await decisionOwnerContact(services, currentAuthorityId(request)),
    })
  })

  app.get<{ Params: { id: string } }>('/incidents/:id', { config: requires('case:view') }, async (request, reply) => {
    const { id } = request.params
    const incident = await loadIncident(services, request, id)
    const actor = actorOf(request)
    const [support, views, history] = await Promise.all([services.decisions.support(actor, id), services.partnerViews.viewsSideBySide(actor, id), services.decisions.history(actor, id)])
    if (!support.ok || !views.ok || !history.ok) throw notFound()
    return reply.page('incidents/views/case.njk', {
      incident,
      tag: statusTag(incident.status),
      actions: actionLinks(incident, request.permissions),
      cards: answerCards(incident, false),
      // Subject access exports, one per child (src/web/features/retention).
      subjectAccess: request.permissions.can('export') ? incident.record.children.map((c, i) => ({ href: `/incidents/${incident.id}/children/${c.id}/subject-access`, text: `Export child ${i + 1}’s information for a subject access request` })) : [],
      support: supportView(incident, support.support, now()),
      views: viewsView(views.views),
      decisions: history.decisions,
      liaisons: history.liaisons,
      events: historyItems(incident.history),
      contact: await decisionOwnerContact(services, incident.authorityId),
      after: await afterDecisionSection(services, request, incident),
    })
  })

  for (const routes of [recordRoutes, childrenRoutes, deliberationRoutes, decisionRoutes]) await app.register(routes, options)
}
