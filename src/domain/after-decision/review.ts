// The rapid review's recommendation, the criteria it weighs, and learning actions.
import type { CalendarDay } from '../calendar/index.js'

/** The three ways a rapid review can end (domain R20): no further review, a local review, or a national one. */
export const RECOMMENDATIONS = ['no_further_review', 'local_practice_review', 'refer_for_national_review'] as const
export type Recommendation = (typeof RECOMMENDATIONS)[number]

export const RECOMMENDATION_LABELS: Readonly<Record<Recommendation, string>> = {
  no_further_review: 'No further review',
  local_practice_review: 'A local child safeguarding practice review',
  refer_for_national_review: 'Refer to the Panel as suitable for a national review',
}

/**
 * The criteria the safeguarding partners take into account when deciding on a local review:
 * The Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018
 * (SI 2018/789), regulation 11 (domain R19). Meeting them does not force a review (s16F).
 */
export const REGULATION_11_SOURCE = 'SI 2018/789, regulation 11'
export const REGULATION_11_CRITERIA = [
  { id: 'a', text: 'highlights or may highlight improvements needed to safeguard and promote the welfare of children, including where those improvements have been previously identified' },
  { id: 'b', text: 'highlights or may highlight recurrent themes in the safeguarding and promotion of the welfare of children' },
  { id: 'c', text: 'highlights or may highlight concerns regarding two or more agencies working together effectively to safeguard and promote the welfare of children' },
  { id: 'd', text: 'is one which the Child Safeguarding Practice Review Panel have considered and concluded a local review may be more appropriate' },
] as const
export type CriterionId = (typeof REGULATION_11_CRITERIA)[number]['id']

/** One answer per criterion: met or not, and why. */
export type CriteriaChecklist = Readonly<Record<CriterionId, { readonly met: boolean; readonly reasons: string }>>

export const AGENCIES = ['authority', 'police', 'health'] as const
export type Agency = (typeof AGENCIES)[number]

export const ACTION_STATUSES = ['open', 'in_progress', 'complete'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
/** What a page shows: the stored status, or overdue when not complete and past its due date. */
export type ActionShownStatus = ActionStatus | 'overdue'

export function actionStatusOn(stored: ActionStatus, due: CalendarDay, today: CalendarDay): ActionShownStatus {
  return stored !== 'complete' && today.isAfter(due) ? 'overdue' : stored
}
