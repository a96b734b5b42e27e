// After the rapid review (issue 5, items 4 and 8): the decision on a local child safeguarding
// practice review (or no further review), its details, milestones and publication with its
// clocks; and closing and reopening the case, each with a reason.
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import type { PracticeReview } from '../../../domain/after-decision/index.js'
import type { IncidentView } from '../../../services/incidents.js'
import type { PracticeReviewInput } from '../../../services/practice-review.js'
import { incidentForm } from '../incidents/deliberation-routes.js'
import { loadIncident } from '../incidents/outcome.js'
import { commentForm } from '../incidents/schema.js'
import { dayInputs, fields, param, withDates } from '../clocks/step-form.js'
import { practiceReviewView } from './presenter.js'

const next = (incident: IncidentView) => `/incidents/${incident.id}/practice-review`
const DATES = { commissionedOn: 'Date commissioned', plannedPublicationOn: 'Planned publication date', finalReportSentOn: 'Date the final report was sent', publishedOn: 'Date published', milestoneDue: 'Milestone due date' }
const TEXTS = ['reviewer', 'termsOfReference', 'link', 'notPublishedReason', 'summaryPublished'] as const

/** The form starts from what is recorded. */
function detailValues(review: PracticeReview | null): Record<string, string> {
  if (!review) return {}
  const texts = Object.fromEntries(TEXTS.map((k) => [k, review[k] ?? '']))
  return { ...texts, ...dayInputs('commissionedOn', review.commissionedOn), ...dayInputs('plannedPublicationOn', review.plannedPublicationOn), ...dayInputs('finalReportSentOn', review.finalReportSentOn), ...dayInputs('publishedOn', review.publishedOn) }
}

export default async function practiceReviewRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  const progress = async (request: Parameters<typeof actorOf>[0], incident: IncidentView) => {
    const [clocks, owed] = await Promise.all([services.clocks.clocks(actorOf(request), incident.id), services.practiceReview.view(actorOf(request), incident.id)])
    if (!clocks.ok || !owed.ok) throw notFound()
    return { clocks: clocks.clocks, review: owed.practiceReview }
  }

  app.get('/incidents/:id/practice-review', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const { clocks, review } = await progress(request, incident)
    return reply.page('practice-review/views/practice-review.njk', { incident, ...practiceReviewView(incident, review, clocks) })
  })

  incidentForm(app, services, {
    access: 'case:view', next, path: 'practice-review/commission', step: 'commission_practice_review', template: 'practice-review/views/commission.njk', dates: ['decidedOn'],
    save: (request, incident, version) => withDates(request, { decidedOn: 'Date of the decision' }, ({ decidedOn = '' }) => services.practiceReview.commission(actorOf(request), incident.id, version, decidedOn)),
  })

  incidentForm(app, services, {
    access: 'case:view', next, path: 'practice-review/details', step: 'update_practice_review', template: 'practice-review/views/details.njk', dates: Object.keys(DATES),
    initial: async (request, incident) => detailValues((await progress(request, incident)).review),
    save: async (request, incident, version) => {
      const { review } = await progress(request, incident)
      return withDates(request, DATES, (days) => {
        const form = fields(request)
        const given = (value: string | undefined) => (value ? value : undefined)
        const milestone = form['milestoneName'] || days['milestoneDue'] ? [{ name: form['milestoneName'] ?? '', dueOn: days['milestoneDue'] ?? '', doneOn: null }] : []
        const input: PracticeReviewInput = {
          ...Object.fromEntries(TEXTS.map((k) => [k, given(form[k])])),
          commissionedOn: given(days['commissionedOn']), plannedPublicationOn: given(days['plannedPublicationOn']), finalReportSentOn: given(days['finalReportSentOn']), publishedOn: given(days['publishedOn']),
          milestones: milestone.length > 0 ? [...(review?.milestones ?? []), ...milestone] : undefined,
        }
        return services.practiceReview.update(actorOf(request), incident.id, version, input)
      })
    },
  })

  const reasonForm = (path: string, step: 'no_further_review' | 'close' | 'reopen', text: { title: string; commentLabel: string; button: string; hint?: string }, save: (actor: ReturnType<typeof actorOf>, id: string, version: number, reason: string) => ReturnType<typeof services.practiceReview.close>) =>
    incidentForm(app, services, {
      access: 'case:view', path, step, template: 'incidents/views/comment.njk', data: () => ({ ...text, required: true }),
      save: (request, incident, version) => save(actorOf(request), incident.id, version, commentForm.parse(request.body ?? {}).comment),
    })
  reasonForm('practice-review/no-further-review', 'no_further_review', { title: 'No further review', commentLabel: 'Why no further review is needed', hint: 'Say how the learning will be taken forward.', button: 'Record no further review' }, services.practiceReview.noFurtherReview)
  reasonForm('close', 'close', { title: 'Close the case', commentLabel: 'Why the case can be closed', button: 'Close the case' }, services.practiceReview.close)
  reasonForm('reopen', 'reopen', { title: 'Reopen the case', commentLabel: 'Why the case is being reopened', button: 'Reopen the case' }, services.practiceReview.reopen)
}
