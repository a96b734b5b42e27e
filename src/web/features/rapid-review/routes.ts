// The rapid review (issue 5, item 3): its page, and a form per step. The business unit runs it
// (requests, meetings, immediate safeguarding actions, sending it to the Panel, the response);
// partners and the authority add their own agency's information and sign-off.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import type { Agency, CriteriaChecklist, Recommendation } from '../../../domain/after-decision/index.js'
import { REGULATION_11_CRITERIA } from '../../../domain/after-decision/index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { incidentForm } from '../incidents/deliberation-routes.js'
import { loadIncident } from '../incidents/outcome.js'
import { fields, param, withDates } from '../clocks/step-form.js'
import { rapidReviewView } from './presenter.js'

const next = (incident: IncidentView) => `/incidents/${incident.id}/rapid-review`

/** A yes/no radio as a boolean; a missing answer is recorded in `errors` with its message. */
function yesNo(form: Record<string, string>, name: string, message: string, errors: Record<string, string>): boolean {
  if (form[name] !== 'yes' && form[name] !== 'no') errors[name] = message
  return form[name] === 'yes'
}

/** The regulation 11 answers as the service takes them: met (yes or no) and reasons for each. */
function criteriaOf(form: Record<string, string>, errors: Record<string, string>): CriteriaChecklist {
  const answer = (id: 'a' | 'b' | 'c' | 'd') => ({ met: yesNo(form, `criteria-${id}-met`, `Answer criterion (${id}) with your reasons`, errors), reasons: form[`criteria-${id}-reasons`] ?? '' })
  return { a: answer('a'), b: answer('b'), c: answer('c'), d: answer('d') }
}

const invalid = (errors: Record<string, string>) => ({ ok: false as const, reason: 'invalid' as const, errors })

/** The service keys criteria errors `criteria.a`; the page's fields are `criteria-a-met`. */
const criteriaFields = (errors: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.startsWith('criteria.') ? `criteria-${k.slice(9)}-met` : k, v]))

export default async function rapidReviewRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  const actor = actorOf
  const review = async (request: FastifyRequest, incident: IncidentView) => {
    const [view, clocks] = await Promise.all([services.rapidReview.view(actor(request), incident.id), services.clocks.clocks(actor(request), incident.id)])
    if (!view.ok || !clocks.ok) throw notFound()
    return { view, clocks: clocks.clocks }
  }

  app.get('/incidents/:id/rapid-review', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const { view, clocks } = await review(request, incident)
    return reply.page('rapid-review/views/rapid-review.njk', { incident, ...rapidReviewView(incident, view, clocks) })
  })

  const step = { access: 'case:view', next } as const
  incidentForm(app, services, {
    ...step, path: 'rapid-review/request', step: 'update_rapid_review', template: 'rapid-review/views/request.njk', dates: ['requestedOn'],
    save: (request, incident, version) => withDates(request, { requestedOn: 'Date of the request' }, ({ requestedOn = '' }) => {
      const form = fields(request)
      return services.rapidReview.addRequest(actor(request), incident.id, version, { agency: form['agency'] as Agency, contact: form['contact'] ?? '', requestedOn, workingDays: Number(form['workingDays'] || 'x') })
    }),
  })
  incidentForm(app, services, {
    ...step, path: 'rapid-review/request/:entryId/received', step: 'update_rapid_review', template: 'rapid-review/views/received.njk', dates: ['receivedOn'],
    save: (request, incident, version) => withDates(request, { receivedOn: 'Date received' }, ({ receivedOn = '' }) => services.rapidReview.markReceived(actor(request), incident.id, version, param(request, 'entryId'), receivedOn)),
  })
  incidentForm(app, services, {
    ...step, path: 'rapid-review/meeting', step: 'update_rapid_review', template: 'rapid-review/views/meeting.njk', dates: ['heldOn'],
    save: (request, incident, version) => withDates(request, { heldOn: 'Date of the meeting' }, ({ heldOn = '' }) =>
      services.rapidReview.addMeeting(actor(request), incident.id, version, { heldOn, attendees: (fields(request)['attendees'] ?? '').split(/\r?\n/) })),
  })
  incidentForm(app, services, {
    ...step, path: 'rapid-review/safeguarding-action', step: 'update_rapid_review', template: 'rapid-review/views/safeguarding-action.njk',
    save: (request, incident, version) => {
      const form = fields(request)
      return services.rapidReview.addSafeguardingAction(actor(request), incident.id, version, { agency: form['agency'] as Agency, description: form['description'] ?? '' })
    },
  })
  incidentForm(app, services, {
    ...step, path: 'rapid-review/contribute', step: 'contribute_rapid_review', template: 'rapid-review/views/contribute.njk',
    data: (_incident, request) => ({ partner: request.permissions.role === 'partner' }),
    save: (request, incident, version) => {
      const form = fields(request)
      return services.rapidReview.contribute(actor(request), incident.id, version, { information: form['information'] || undefined, signOff: form['signOff'] === 'yes' })
    },
  })
  incidentForm(app, services, {
    ...step, path: 'rapid-review/send', step: 'send_rapid_review', template: 'rapid-review/views/send.njk', dates: ['sentOn'],
    data: () => ({ criteria: REGULATION_11_CRITERIA }),
    save: async (request, incident, version) => {
      const result = await withDates(request, { sentOn: 'Date sent to the Panel' }, ({ sentOn = '' }) => {
        const form = fields(request)
        const unanswered: Record<string, string> = {}
        const criteria = criteriaOf(form, unanswered)
        if (Object.keys(unanswered).length > 0) return Promise.resolve(invalid(unanswered))
        return services.rapidReview.sendToPanel(actor(request), incident.id, version, { sentOn, recommendation: form['recommendation'] as Recommendation, criteria, reasons: form['reasons'] ?? '' })
      })
      return !result.ok && result.reason === 'invalid' ? { ...result, errors: criteriaFields(result.errors) } : result
    },
  })
  incidentForm(app, services, {
    ...step, path: 'rapid-review/panel-response', step: 'record_panel_response', template: 'rapid-review/views/panel-response.njk', dates: ['receivedOn'],
    save: (request, incident, version) => withDates(request, { receivedOn: 'Date of the Panel’s response' }, ({ receivedOn = '' }) => {
      const form = fields(request)
      const unanswered: Record<string, string> = {}
      const agreed = yesNo(form, 'agreed', 'Select whether the Panel agreed', unanswered)
      if (Object.keys(unanswered).length > 0) return Promise.resolve(invalid(unanswered))
      return services.rapidReview.recordPanelResponse(actor(request), incident.id, version, { receivedOn, agreed, comments: form['comments'] ?? '' })
    }),
  })
}
