// The statutory clocks as data: what starts each one, how long it runs, and where that comes from.
// Case pages and reminders read this list; the arithmetic is in dueDate below.
import type { BankHolidayCalendar, CalendarDay } from '../calendar/index.js'

export type ClockUnit =
  /** The nth working day after the start (the start is day 0). */
  | 'working_days'
  /** The corresponding day n calendar months after the start, or that month's last day. */
  | 'calendar_months'
  /** The nth working day before the start (a date to be ready by, ahead of an event). */
  | 'working_days_before'

export type StartEvent =
  | 'authority_became_aware'
  | 'notification_sent'
  | 'decision_to_hold_practice_review'
  | 'planned_publication'

export type ClockId =
  | 'serious_incident_notification'
  | 'local_partners_informed'
  | 'looked_after_child_death_notification'
  | 'care_leaver_death_notification'
  | 'rapid_review_sent'
  | 'practice_review_published'
  | 'final_report_sent'

export interface Clock {
  readonly id: ClockId
  readonly name: string
  readonly startEvent: StartEvent
  readonly length: number
  readonly unit: ClockUnit
  readonly citation: string
  /** How firm the source is, from the domain reference: confirmed, corroborated or unconfirmed. */
  readonly sourceStatus: 'confirmed' | 'corroborated' | 'unconfirmed'
}

export const CLOCKS: readonly Clock[] = [
  {
    id: 'serious_incident_notification', name: 'Serious incident notification to the Panel', startEvent: 'authority_became_aware',
    length: 5, unit: 'working_days', sourceStatus: 'confirmed',
    citation: 'Children Act 2004 s16C(1); GOV.UK: Report a serious child safeguarding incident ("within 5 working days of becoming aware")',
  },
  {
    id: 'local_partners_informed', name: 'Local safeguarding partners informed', startEvent: 'authority_became_aware',
    length: 5, unit: 'working_days', sourceStatus: 'corroborated',
    citation: 'Working Together to Safeguard Children 2023, chapter 5 (report to the safeguarding partners within 5 working days)',
  },
  {
    id: 'looked_after_child_death_notification', name: 'Looked-after child death notified to the Secretary of State and Ofsted', startEvent: 'authority_became_aware',
    length: 5, unit: 'working_days', sourceStatus: 'corroborated',
    citation: 'Children Act 1989 Sch 2 para 20; Working Together to Safeguard Children 2023, chapter 5 (same online form and timescale)',
  },
  {
    id: 'care_leaver_death_notification', name: 'Care leaver death notified to the Secretary of State and Ofsted', startEvent: 'authority_became_aware',
    length: 5, unit: 'working_days', sourceStatus: 'corroborated',
    citation: 'Working Together to Safeguard Children 2023, chapter 5 (death of a care leaver up to and including age 24)',
  },
  {
    id: 'rapid_review_sent', name: 'Rapid review sent to the Panel', startEvent: 'notification_sent',
    length: 15, unit: 'working_days', sourceStatus: 'confirmed',
    citation: 'Working Together to Safeguard Children 2023, chapter 5 ("within 15 working days, calculated from the date that the notification was sent to the Panel")',
  },
  {
    id: 'practice_review_published', name: 'Local child safeguarding practice review published', startEvent: 'decision_to_hold_practice_review',
    length: 6, unit: 'calendar_months', sourceStatus: 'corroborated',
    citation: 'Working Together to Safeguard Children 2023, chapter 5 (publish within 6 months of the decision to hold the review)',
  },
  {
    id: 'final_report_sent', name: 'Final report sent to the Panel and the Department for Education', startEvent: 'planned_publication',
    length: 7, unit: 'working_days_before', sourceStatus: 'unconfirmed',
    citation: 'Working Together to Safeguard Children 2023, chapter 5 (final report to the Panel and the Secretary of State no later than 7 working days before publication)',
  },
]

const byId = new Map(CLOCKS.map((clock) => [clock.id, clock]))

export function clock(id: ClockId): Clock {
  const found = byId.get(id)
  if (!found) throw new RangeError(`no clock with id ${id}`)
  return found
}

/**
 * The last day on which the clock's step is on time, given the day its start event happened.
 * Working-day clocks throw OutsideCalendarError beyond the calendar's years. Month clocks use
 * the corresponding-date rule: 31 August + 6 months is the last day of February.
 */
export function dueDate(c: Clock, start: CalendarDay, calendar: BankHolidayCalendar): CalendarDay {
  switch (c.unit) {
    case 'working_days':
      return calendar.addWorkingDays(start, c.length)
    case 'working_days_before':
      return calendar.subtractWorkingDays(start, c.length)
    case 'calendar_months':
      return start.addMonths(c.length)
  }
}
