// The report's figures from a period's facts: pure, so each definition is tested on a hand-built
// data set (docs/reports.md). "On time" means on or before the due date.
import type { BankHolidayCalendar } from '../calendar/index.js'
import { CalendarDay } from '../calendar/index.js'
import { ageBand, AGE_BANDS, inPeriod, type Period } from './periods.js'

export interface ReportCase {
  readonly awareDate: string | null
  /** Submitted for a decision (not a draft). */
  readonly screened: boolean
  readonly ages: readonly (number | null)[]
  readonly lookedAfter: boolean
  readonly harmKinds: readonly string[]
  readonly partnerRaised: string | null
  readonly decision: { readonly decision: string; readonly departs: boolean } | null
  readonly notifications: readonly { readonly kind: string; readonly sentOn: string | null }[]
  readonly rapidReview: { readonly due: string; readonly sentOn: string | null } | null
  readonly practiceReview: { readonly decidedOn: string; readonly due: string; readonly publishedOn: string | null } | null
}

export interface ReportAction {
  readonly dueOn: string
  readonly completedOn: string | null
}

export interface Figures {
  readonly screened: number
  readonly notificationsByKind: readonly { readonly kind: string; readonly count: number }[]
  readonly departures: number
  readonly decisions: number
  readonly timeliness: readonly { readonly workingDays: number; readonly count: number }[]
  readonly sentWithin5: number
  readonly sent: number
  /** Whole per cent, rounded; null when nothing was sent. */
  readonly sharePercent: number | null
  readonly rapidReviewsSent: number
  readonly rapidReviewsOnTime: number
  readonly practiceReviewsCommissioned: number
  readonly practiceReviewsPublished: number
  readonly practiceReviewsPublishedOnTime: number
  readonly actionsOverdue: number
  readonly byAgeBand: readonly { readonly band: string; readonly count: number }[]
  readonly byLookedAfter: readonly { readonly band: string; readonly count: number }[]
  readonly byHarm: readonly { readonly band: string; readonly count: number }[]
  readonly byPartner: readonly { readonly band: string; readonly count: number }[]
}

const tally = (values: readonly string[], order: readonly string[] = []) => {
  const counts = new Map<string, number>(order.map((o) => [o, 0]))
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].map(([band, count]) => ({ band, count }))
}
const onTime = (sentOn: string | null, due: string) => sentOn !== null && sentOn <= due

/** The day the period's open items are counted on: its last day, or today if that is sooner. */
export function periodEnd(period: Period, today: string): string {
  return today < period.to ? today : period.to
}

export function figures(cases: readonly ReportCase[], actions: readonly ReportAction[], period: Period, today: string, calendar: BankHolidayCalendar): Figures {
  // Cases count in the period they became aware of; each later step in the period it happened.
  const screened = cases.filter((c) => c.screened && inPeriod(c.awareDate, period))
  const sent = cases.flatMap((c) => c.notifications.filter((n) => inPeriod(n.sentOn, period)).map((n) => ({ ...n, awareDate: c.awareDate })))
  const days = sent.filter((n) => n.awareDate && n.sentOn).map((n) => calendar.countWorkingDays(CalendarDay.parse(n.awareDate ?? ''), CalendarDay.parse(n.sentOn ?? '')))
  const within5 = days.filter((d) => d <= 5).length
  const decided = screened.filter((c) => c.decision)
  const rapid = cases.flatMap((c) => (c.rapidReview && inPeriod(c.rapidReview.sentOn, period) ? [c.rapidReview] : []))
  const practice = cases.flatMap((c) => (c.practiceReview ? [c.practiceReview] : []))
  const published = practice.filter((p) => inPeriod(p.publishedOn, period))
  const end = periodEnd(period, today)
  return {
    screened: screened.length,
    notificationsByKind: tally(sent.map((n) => n.kind)).map(({ band, count }) => ({ kind: band, count })),
    departures: decided.filter((c) => c.decision?.departs).length,
    decisions: decided.length,
    timeliness: tally(days.map(String)).map(({ band, count }) => ({ workingDays: Number(band), count })).sort((a, b) => a.workingDays - b.workingDays),
    sentWithin5: within5,
    sent: days.length,
    sharePercent: days.length ? Math.round((within5 / days.length) * 100) : null,
    rapidReviewsSent: rapid.length,
    rapidReviewsOnTime: rapid.filter((r) => onTime(r.sentOn, r.due)).length,
    practiceReviewsCommissioned: practice.filter((p) => inPeriod(p.decidedOn, period)).length,
    practiceReviewsPublished: published.length,
    practiceReviewsPublishedOnTime: published.filter((p) => onTime(p.publishedOn, p.due)).length,
    // Open at the period's end (or today, if sooner) and past their due date.
    actionsOverdue: actions.filter((a) => a.dueOn < end && (a.completedOn === null || a.completedOn > end)).length,
    byAgeBand: tally(screened.flatMap((c) => c.ages.map(ageBand)), AGE_BANDS),
    byLookedAfter: tally(screened.map((c) => (c.lookedAfter ? 'Looked after' : 'Not looked after')), ['Looked after', 'Not looked after']),
    byHarm: tally(screened.flatMap((c) => (c.harmKinds.length ? c.harmKinds : ['Not recorded']))),
    byPartner: tally(screened.map((c) => c.partnerRaised ?? 'Local authority')),
  }
}
