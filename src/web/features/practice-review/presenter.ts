// The practice review page: the decision, the details, milestones and publication, and its two
// clocks (publication within 6 months; the final report 7 working days before publication).
import type { ClockView, PracticeReview } from '../../../domain/after-decision/index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { longDate } from '../incidents/presenter.js'
import { clockRow } from '../clocks/presenter.js'

const day = (d: string | null) => (d ? longDate(d) : 'Not recorded')

export function practiceReviewView(incident: IncidentView, review: PracticeReview | null, clocks: readonly ClockView[]) {
  const may = (action: IncidentView['actions'][number]) => incident.actions.includes(action)
  return {
    review,
    can: { commission: may('commission_practice_review'), noFurther: may('no_further_review'), update: may('update_practice_review') },
    noFurtherReview: incident.status === 'no_further_review',
    clocks: clocks.filter((c) => c.key === 'practice_review_published' || c.key === 'final_report_sent').map(clockRow),
    rows: review
      ? [
          { key: { text: 'Decided on' }, value: { text: day(review.decidedOn) } },
          { key: { text: 'Reviewer' }, value: { text: review.reviewer ?? 'Not recorded' } },
          { key: { text: 'Commissioned on' }, value: { text: day(review.commissionedOn) } },
          { key: { text: 'Terms of reference' }, value: { text: review.termsOfReference ?? 'Not recorded' } },
          { key: { text: 'Planned publication' }, value: { text: day(review.plannedPublicationOn) } },
          { key: { text: 'Final report sent to the Panel and DfE' }, value: { text: day(review.finalReportSentOn) } },
          review.notPublishedReason
            ? { key: { text: 'Not published' }, value: { text: `${review.notPublishedReason} Summary published instead: ${review.summaryPublished ?? ''}` } }
            : { key: { text: 'Published' }, value: { text: review.publishedOn ? `${longDate(review.publishedOn)}${review.link ? `: ${review.link}` : ''}` : 'Not yet' } },
        ]
      : [],
    milestones: (review?.milestones ?? []).map((m) => [{ text: m.name }, { text: longDate(m.dueOn) }, { text: m.doneOn ? longDate(m.doneOn) : 'Not yet' }]),
  }
}
