// Every clock on a case, worked out from the case's facts, the calendar and today: pure, so the
// case page, the worklist and reminders all agree, and tests run on fixed dates. The clocks
// themselves (start event, length, citation) are data in src/domain/timeline/clocks.ts.
import type { BankHolidayCalendar } from '../calendar/index.js'
import { CalendarDay } from '../calendar/index.js'
import { clock, dueDate, type Clock, type ClockId } from '../timeline/index.js'

export type NotificationKind = 'serious_incident' | 'looked_after_child_death' | 'care_leaver_death'

/** Which statutory clock each kind of notification runs on. */
export const NOTIFICATION_CLOCK: Readonly<Record<NotificationKind, ClockId>> = {
  serious_incident: 'serious_incident_notification',
  looked_after_child_death: 'looked_after_child_death_notification',
  care_leaver_death: 'care_leaver_death_notification',
}

/** An extension or pause: the new due date, why, and who agreed it (for example the Panel). */
export interface ClockExtension {
  readonly clockKey: string
  readonly newDue: string
  readonly reason: string
  readonly agreedBy: string
}

export interface CaseClockFacts {
  /** Closed and withdrawn cases stand their unfinished clocks down. */
  readonly closed: boolean
  readonly awareDate: string | null
  readonly notifications: readonly { readonly id: string; readonly kind: NotificationKind; readonly sentOn: string | null; readonly withdrawn: boolean }[]
  readonly partnersInformedOn: string | null
  readonly rapidReview: { readonly startedOn: string; readonly sentOn: string | null; readonly stoodDown: boolean } | null
  readonly practiceReview: {
    readonly decidedOn: string
    readonly plannedPublicationOn: string | null
    readonly finalReportSentOn: string | null
    /** Published, or the summary published instead: either ends the clock. */
    readonly publishedOn: string | null
  } | null
  readonly extensions: readonly ClockExtension[]
}

export type ClockState = 'on_track' | 'due_soon' | 'due_today' | 'overdue' | 'met' | 'stood_down'

/** Within this many working days a clock is "due soon". */
export const DUE_SOON_WORKING_DAYS = 2

export interface ClockView {
  /** Unique on the case: the clock id, and the notification's id for notification clocks. */
  readonly key: string
  readonly clockId: ClockId
  readonly name: string
  readonly start: string
  readonly due: string
  /** The due date before an extension, kept beside the new one; null when not extended. */
  readonly originalDue: string | null
  readonly extension: { readonly reason: string; readonly agreedBy: string } | null
  readonly state: ClockState
  readonly workingDaysLeft: number | null
  readonly workingDaysOverdue: number | null
  readonly metOn: string | null
  /** Met, but after the due date. */
  readonly late: boolean
  readonly citation: string
  readonly sourceStatus: Clock['sourceStatus']
}

interface Running {
  readonly key: string
  readonly clockId: ClockId
  readonly start: string
  readonly doneOn: string | null
  readonly stoodDown: boolean
}

/** The clocks the facts start, in the order the steps happen. */
function runningClocks(facts: CaseClockFacts): Running[] {
  const out: Running[] = []
  const aware = facts.awareDate
  if (aware) {
    for (const n of facts.notifications) out.push({ key: `notification:${n.id}`, clockId: NOTIFICATION_CLOCK[n.kind], start: aware, doneOn: n.sentOn, stoodDown: false })
    out.push({ key: 'local_partners_informed', clockId: 'local_partners_informed', start: aware, doneOn: facts.partnersInformedOn, stoodDown: false })
  }
  const rr = facts.rapidReview
  if (rr) out.push({ key: 'rapid_review_sent', clockId: 'rapid_review_sent', start: rr.startedOn, doneOn: rr.sentOn, stoodDown: rr.stoodDown })
  const pr = facts.practiceReview
  if (pr) {
    out.push({ key: 'practice_review_published', clockId: 'practice_review_published', start: pr.decidedOn, doneOn: pr.publishedOn, stoodDown: false })
    if (pr.plannedPublicationOn) out.push({ key: 'final_report_sent', clockId: 'final_report_sent', start: pr.plannedPublicationOn, doneOn: pr.finalReportSentOn, stoodDown: false })
  }
  return out
}

export function clocksFor(facts: CaseClockFacts, calendar: BankHolidayCalendar, today: CalendarDay): ClockView[] {
  return runningClocks(facts).map((r) => {
    const c = clock(r.clockId)
    const statutoryDue = dueDate(c, CalendarDay.parse(r.start), calendar)
    // The latest extension wins; the statutory date stays visible as the original.
    const extension = facts.extensions.filter((e) => e.clockKey === r.key).at(-1) ?? null
    const due = extension ? CalendarDay.parse(extension.newDue) : statutoryDue
    const base = {
      key: r.key, clockId: r.clockId, name: c.name, start: r.start, due: due.toString(),
      originalDue: extension ? statutoryDue.toString() : null,
      extension: extension ? { reason: extension.reason, agreedBy: extension.agreedBy } : null,
      citation: c.citation, sourceStatus: c.sourceStatus,
    }
    if (r.doneOn) {
      return { ...base, state: 'met' as const, workingDaysLeft: null, workingDaysOverdue: null, metOn: r.doneOn, late: CalendarDay.parse(r.doneOn).isAfter(due) }
    }
    if (r.stoodDown || facts.closed) return { ...base, state: 'stood_down' as const, workingDaysLeft: null, workingDaysOverdue: null, metOn: null, late: false }
    return { ...base, ...stateOn(due, today, calendar), metOn: null, late: false }
  })
}

/** A running clock's state on a day (also the worklist's for the decision and learning actions). */
export function stateOn(due: CalendarDay, today: CalendarDay, calendar: BankHolidayCalendar): Pick<ClockView, 'state' | 'workingDaysLeft' | 'workingDaysOverdue'> {
  if (today.isAfter(due)) return { state: 'overdue', workingDaysLeft: null, workingDaysOverdue: Math.max(1, calendar.countWorkingDays(due, today)) }
  if (today.equals(due)) return { state: 'due_today', workingDaysLeft: 0, workingDaysOverdue: null }
  const left = calendar.countWorkingDays(today, due)
  return { state: left <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'on_track', workingDaysLeft: left, workingDaysOverdue: null }
}

/** Clocks still running (not met, not stood down): the worklist and reminders read these. */
export function isRunning(view: ClockView): boolean {
  return view.state !== 'met' && view.state !== 'stood_down'
}
