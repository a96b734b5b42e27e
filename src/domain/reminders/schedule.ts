// When to remind: points in working days before the due day (2), on it (0) and after it (-1).
// Only the latest point reached is sent, so a scheduler that was stopped for days catches up
// with one email rather than a burst of stale ones.
import type { BankHolidayCalendar } from '../calendar/index.js'
import { CalendarDay } from '../calendar/index.js'
import type { DueItem, RecipientRole } from './due.js'

export type EmailKind = 'alert' | 'reminder' | 'due_today' | 'overdue' | 'digest'

export interface ReminderPoint {
  /** Working days before the due day (negative: after it). */
  readonly point: number
  readonly day: CalendarDay
  readonly kind: 'reminder' | 'due_today' | 'overdue'
}

/** The day a point falls on: n working days before the due day, the due day, or n after it. */
export function pointDay(dueDate: CalendarDay, point: number, calendar: BankHolidayCalendar): CalendarDay {
  if (point > 0) return calendar.subtractWorkingDays(dueDate, point)
  if (point < 0) return calendar.addWorkingDays(dueDate, -point)
  return dueDate
}

/** The latest configured point on or before `today`, or null when none has come yet. */
export function reminderDue(item: Pick<DueItem, 'dueDate'>, points: readonly number[], today: CalendarDay, calendar: BankHolidayCalendar): ReminderPoint | null {
  const due = CalendarDay.parse(item.dueDate)
  let latest: ReminderPoint | null = null
  for (const point of points) {
    const day = pointDay(due, point, calendar)
    if (day.isAfter(today)) continue
    if (latest && !day.isAfter(latest.day)) continue
    latest = { point, day, kind: point > 0 ? 'reminder' : point === 0 ? 'due_today' : 'overdue' }
  }
  return latest
}

/** Who hears: alerts tell the decision owner and the partnership mailbox; overdue escalates. */
export function recipientsFor(kind: EmailKind, item: Pick<DueItem, 'recipients'>): readonly RecipientRole[] {
  if (kind === 'alert') return ['decision_owner', 'partnership']
  if (kind === 'overdue') return [...new Set<RecipientRole>([...item.recipients, 'decision_owner', 'business_unit'])]
  return item.recipients
}

/** The exactly-once key: one email per incident, clock, point, due date and recipient. */
export function deliveryKey(kind: EmailKind, item: Pick<DueItem, 'incidentId' | 'clockId' | 'dueDate'>, point: number | null, recipient: string): string {
  return [kind, item.incidentId, item.clockId, point ?? '-', item.dueDate, recipient.toLowerCase()].join('|')
}

/** Parses REMINDER_POINTS such as "2,0,-1". */
export function parseReminderPoints(text: string): number[] {
  return text.split(',').map((part) => Number(part.trim()))
}
