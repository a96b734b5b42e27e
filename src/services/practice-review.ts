// After the rapid review (issue 5, items 4 and 8): a local child safeguarding practice review or
// no further review, the practice review's details and publication, and closing and reopening.
import { CalendarDay } from '../domain/calendar/index.js'
import type { PracticeReview } from '../domain/after-decision/index.js'
import { inTransaction, type Actor } from './context.js'
import { caseStep, fail, isDay, readCase, text, type CaseStepResult, type Errors } from './case-steps.js'
import { londonDay, type IncidentDeps, type LoadRefusal } from './incident-access.js'

export interface PracticeReviewInput {
  readonly reviewer?: string
  readonly commissionedOn?: string
  readonly termsOfReference?: string
  readonly milestones?: PracticeReview['milestones']
  readonly plannedPublicationOn?: string
  readonly finalReportSentOn?: string
  readonly publishedOn?: string
  readonly link?: string
  readonly notPublishedReason?: string
  readonly summaryPublished?: string
}

const DAY_FIELDS = ['commissionedOn', 'plannedPublicationOn', 'finalReportSentOn', 'publishedOn'] as const

export function practiceReviewService(deps: IncidentDeps) {
  return {
    /** The practice review as recorded (null before the decision on one); read for its page. */
    view(actor: Actor, incidentId: string): Promise<{ ok: true; version: number; practiceReview: PracticeReview | null } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const read = await readCase(work, actor, incidentId, 'practice review')
        if ('ok' in read) return read
        return { ok: true, version: read.stored.version, practiceReview: read.progress.practiceReview }
      })
    },

    /**
     * The partners decide to hold a local child safeguarding practice review (Children Act 2004
     * s16F; SI 2018/789 reg 11): the decision date starts the 6-month publication clock.
     */
    commission(actor: Actor, incidentId: string, version: number, decidedOn: string): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'commission_practice_review', permission: 'review:manage' }, async (work, _stored, progress) => {
        if (!isDay(decidedOn) || CalendarDay.parse(decidedOn).isAfter(londonDay(work.now))) return fail('decidedOn', 'Enter the date of the decision, today or earlier')
        const review: PracticeReview = { decidedOn, reviewer: null, commissionedOn: null, termsOfReference: null, milestones: [], plannedPublicationOn: null, finalReportSentOn: null, publishedOn: null, link: null, notPublishedReason: null, summaryPublished: null }
        return { ...progress, practiceReview: review }
      })
    },

    /** No further review: learning is taken forward by other routes (R20). A reason is required. */
    noFurtherReview(actor: Actor, incidentId: string, version: number, reason: string): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'no_further_review', permission: 'review:manage', comment: reason }, async (_work, _stored, progress) =>
        text(reason) ? progress : fail('comment', 'Enter why no further review is needed'))
    },

    /** Reviewer, terms of reference, milestones, the planned publication, the final report and publication. */
    update(actor: Actor, incidentId: string, version: number, input: PracticeReviewInput): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'update_practice_review', permission: 'review:manage' }, async (_work, _stored, progress) => {
        const errors: Errors = {}
        for (const f of DAY_FIELDS) if (input[f] !== undefined && !isDay(input[f])) errors[f] = 'Enter a real date'
        for (const [i, m] of (input.milestones ?? []).entries()) if (!text(m.name) || !isDay(m.dueOn) || (m.doneOn !== null && !isDay(m.doneOn))) errors[`milestones.${i}`] = 'Enter the milestone’s name and dates'
        // Not publishing needs both the reason and the summary published instead (WT 2023 ch 5).
        if (input.notPublishedReason !== undefined && !text(input.summaryPublished)) errors.summaryPublished = 'Enter the summary published instead'
        if (Object.keys(errors).length > 0) return errors
        if (!progress.practiceReview) return fail('decidedOn', 'The practice review has not been decided on')
        const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as PracticeReviewInput
        return { ...progress, practiceReview: { ...progress.practiceReview, ...defined } }
      })
    },

    close(actor: Actor, incidentId: string, version: number, reason: string): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'close', permission: 'case:view', comment: reason }, async (_work, _stored, progress) => (text(reason) ? progress : fail('comment', 'Enter why the case can be closed')))
    },

    /** Back to the status it was closed from, with a reason. */
    reopen(actor: Actor, incidentId: string, version: number, reason: string): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'reopen', permission: 'case:view', comment: reason }, async (_work, _stored, progress) => (text(reason) ? progress : fail('comment', 'Enter why the case is being reopened')))
    },
  }
}
