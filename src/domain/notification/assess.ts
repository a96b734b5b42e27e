// assess(facts, calendar): which notifications this authority owes, by when, and why. The shape
// of the answer is fixed by the command-line contract (docs/statutory-engine.md).
import type { BankHolidayCalendar, CalendarDay } from '../calendar/index.js'
import { childStatus, type ChildStatus } from './child.js'
import { careLeaverDeath, lookedAfterChildDeath } from './deaths.js'
import type { Facts } from './facts.js'
import { CITE, type Reason } from './reason.js'
import { seriousIncidentTest, type PendingJudgement } from './serious-incident.js'

export type NotificationKind = 'serious_incident' | 'looked_after_child_death' | 'care_leaver_death'
export type Recipient = 'panel' | 'ofsted' | 'dfe' | 'secretary_of_state'
export type Decision = 'notify' | 'judgement_required' | 'other_authority' | 'not_required'

export interface Notification {
  readonly kind: NotificationKind
  readonly recipients: readonly Recipient[]
  /** The last day on which it is on time (YYYY-MM-DD). */
  readonly due: string
}

export interface Assessment {
  readonly decision: Decision
  readonly notifications: readonly Notification[]
  readonly deadline: string
  readonly pendingJudgement: readonly PendingJudgement[]
  readonly rapidReview: boolean
  readonly otherAuthority: boolean
  readonly reasons: readonly Reason[]
  /** Extra: the age used, and the day it was taken on. */
  readonly child: { readonly isChild: boolean; readonly ageInYears: number | null; readonly ageOn: string; readonly basis: ChildStatus['basis'] }
  /** Extra: which bank holiday calendar the deadline was counted with (R23: store it). */
  readonly calendar: { readonly source: string; readonly retrieved: string | null; readonly provisional: boolean }
}

/** Working days from awareness to each notification's deadline (GOV.UK guidance; WT 2023 ch 5). */
export const NOTIFICATION_WORKING_DAYS = 5

// One online form reaches the Panel, Ofsted and DfE (GOV.UK guidance); the death notifications go
// to the Secretary of State and Ofsted (Children Act 1989 Sch 2 para 20; WT 2023 chapter 5).
const RECIPIENTS: Record<NotificationKind, readonly Recipient[]> = {
  serious_incident: ['panel', 'ofsted', 'dfe'],
  looked_after_child_death: ['secretary_of_state', 'ofsted'],
  care_leaver_death: ['secretary_of_state', 'ofsted'],
}

function deadlineReason(awareDate: CalendarDay, deadline: CalendarDay, calendar: BankHolidayCalendar): Reason {
  const provisional = calendar.isProvisionalYear(deadline.year)
    ? ` The bank holidays for ${deadline.year} are provisional until GOV.UK publishes them, so check this date again then.`
    : ''
  return {
    rule: CITE.fiveWorkingDays,
    text: `Working days are Monday to Friday, except bank holidays in England and Wales. The day the authority became aware, ${awareDate.toLongStringWithWeekday()}, is day 0. The 5th working day after it is ${deadline.toLongStringWithWeekday()}: any notification is due by then.${provisional}`,
  }
}

/** Decision precedence, exactly as the contract sets it. */
function decide(notifications: readonly Notification[], pending: readonly PendingJudgement[], otherAuthority: boolean): Decision {
  if (notifications.length > 0) return 'notify'
  if (pending.length > 0) return 'judgement_required'
  return otherAuthority ? 'other_authority' : 'not_required'
}

/**
 * Applies the rules to validated facts. Throws OutsideCalendarError when the deadline falls
 * beyond the years the calendar covers.
 */
export function assess(facts: Facts, calendar: BankHolidayCalendar): Assessment {
  const deadlineDay = calendar.addWorkingDays(facts.awareDate, NOTIFICATION_WORKING_DAYS)
  const deadline = deadlineDay.toString()
  const child = childStatus(facts)
  const serious = seriousIncidentTest(facts, child)
  const lookedAfter = lookedAfterChildDeath(facts, child)
  const careLeaver = careLeaverDeath(facts, child)

  const kinds: NotificationKind[] = []
  if (serious.status === 'notify') kinds.push('serious_incident')
  if (lookedAfter.required) kinds.push('looked_after_child_death')
  if (careLeaver.required) kinds.push('care_leaver_death')
  const notifications = kinds.map((kind) => ({ kind, recipients: RECIPIENTS[kind], due: deadline }))
  const otherAuthority = serious.status === 'other_authority'

  return {
    decision: decide(notifications, serious.pendingJudgement, otherAuthority),
    notifications,
    deadline,
    pendingJudgement: serious.pendingJudgement,
    rapidReview: serious.status === 'notify',
    otherAuthority,
    reasons: [child.reason, ...serious.reasons, ...lookedAfter.reasons, ...careLeaver.reasons, deadlineReason(facts.awareDate, deadlineDay, calendar)],
    child: { isChild: child.isChild, ageInYears: child.ageInYears ?? null, ageOn: child.ageOn.toString(), basis: child.basis },
    calendar: {
      source: calendar.provenance.source,
      retrieved: calendar.provenance.retrieved ?? null,
      provisional: calendar.isProvisionalYear(deadlineDay.year),
    },
  }
}
