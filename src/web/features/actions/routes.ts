// Learning and actions (issue 5, item 5): the list with each action's status in words (overdue
// is computed), adding one, and moving one on (completing it needs the evidence and the date).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import type { ActionStatus, Agency } from '../../../domain/after-decision/index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { incidentForm } from '../incidents/deliberation-routes.js'
import { loadIncident } from '../incidents/outcome.js'
import { longDate } from '../incidents/presenter.js'
import { fields, param, withDates } from '../clocks/step-form.js'
import { AGENCY_LABELS } from '../rapid-review/presenter.js'

const next = (incident: IncidentView) => `/incidents/${incident.id}/actions`

const STATUS_TAGS: Readonly<Record<string, { text: string; classes: string }>> = {
  open: { text: 'Open', classes: 'govuk-tag--blue' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--yellow' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  complete: { text: 'Complete', classes: 'govuk-tag--green' },
}
const SOURCES: Readonly<Record<string, string>> = { rapid_review: 'Rapid review', practice_review: 'Practice review' }

/** A form value that may be one checkbox or several. */
const many = (request: FastifyRequest, name: string): string[] => {
  const value = (request.body as Record<string, unknown> | undefined)?.[name]
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
}

export default async function actionRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  const list = async (request: FastifyRequest, incident: IncidentView) => {
    const listed = await services.learningActions.list(actorOf(request), incident.id)
    if (!listed.ok) throw notFound()
    return listed.actions
  }

  app.get('/incidents/:id/actions', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const actions = (await list(request, incident)).map((a) => ({
      id: a.id, description: a.description, source: SOURCES[a.source] ?? a.source, owner: `${a.owner_person} (${AGENCY_LABELS[a.owner_agency as Agency] ?? a.owner_agency})`,
      agencies: `${a.multiAgency ? 'Multi-agency' : 'Single agency'}: ${a.agencyList.map((x) => AGENCY_LABELS[x]).join(', ')}`,
      due: longDate(a.due_on), tag: STATUS_TAGS[a.shownStatus] ?? STATUS_TAGS['open'], evidence: a.evidence ? `${a.evidence} (completed ${longDate(a.completed_on)})` : '',
    }))
    return reply.page('actions/views/actions.njk', { incident, actions, canManage: incident.actions.includes('manage_actions') })
  })

  incidentForm(app, services, {
    access: 'case:view', next, path: 'actions/new', step: 'manage_actions', template: 'actions/views/add.njk', dates: ['dueOn'],
    save: (request, incident, version) => withDates(request, { dueOn: 'Due date' }, ({ dueOn = '' }) => {
      const form = fields(request)
      const source = form['source'] === 'practice_review' ? 'practice_review' : 'rapid_review'
      return services.learningActions.add(actorOf(request), incident.id, version, { source, description: form['description'] ?? '', agencies: many(request, 'agencies') as Agency[], ownerAgency: form['ownerAgency'] as Agency, ownerPerson: form['ownerPerson'] ?? '', dueOn })
    }),
  })

  incidentForm(app, services, {
    access: 'case:view', next, path: 'actions/:actionId', step: 'manage_actions', template: 'actions/views/update.njk', dates: ['completedOn'],
    data: async (incident, request) => {
      const action = (await list(request, incident)).find((a) => a.id === param(request, 'actionId'))
      if (!action) throw notFound()
      return { action }
    },
    initial: async (request, incident) => ({ status: (await list(request, incident)).find((a) => a.id === param(request, 'actionId'))?.status }),
    save: (request, incident, version) => withDates(request, { completedOn: 'Date completed' }, ({ completedOn = '' }) => {
      const form = fields(request)
      return services.learningActions.update(actorOf(request), incident.id, version, param(request, 'actionId'), { status: form['status'] as ActionStatus, evidence: form['evidence'], completedOn: completedOn || undefined })
    }),
  })
}
