// What is due, as one list of DueItems. Each source reads one kind of running clock in one query;
// the scheduler asks them all. The seam: issue 5's runningClocks (rapid reviews, practice reviews)
// becomes another DueSource in DUE_SOURCES, and nothing else changes.
import type { Kysely } from 'kysely'
import { remindersRepository } from '../data/repositories/reminders.js'
import type { Schema } from '../data/schema.js'
import { CalendarDay, type BankHolidayCalendar } from '../domain/calendar/index.js'
import { NEEDS_DECISION_OWNER } from '../domain/lifecycle/index.js'
import type { DueItem } from '../domain/reminders/index.js'
import { clock, dueDate } from '../domain/timeline/index.js'

export type DueSource = (db: Kysely<Schema>, calendar: BankHolidayCalendar) => Promise<DueItem[]>

const DECISION_CLOCK = clock('serious_incident_notification')

/**
 * The 5-working-day clock of every incident waiting for the decision owner: it runs from
 * awareness, so it is already running when the incident reaches them (s16C(1)).
 */
export const awaitingDecision: DueSource = async (db, calendar) => {
  const rows = await remindersRepository(db).awaitingDecision(NEEDS_DECISION_OWNER)
  return rows.map((row) => ({
    authorityId: row.authorityId,
    incidentId: row.id,
    reference: row.reference,
    clockId: DECISION_CLOCK.id,
    clockName: 'A decision on whether to notify the Child Safeguarding Practice Review Panel',
    dueDate: dueDate(DECISION_CLOCK, CalendarDay.parse(row.awareDate), calendar).toString(),
    recipients: ['decision_owner'],
  }))
}

export const DUE_SOURCES: readonly DueSource[] = [awaitingDecision]

export async function whatIsDue(db: Kysely<Schema>, calendar: BankHolidayCalendar, sources: readonly DueSource[] = DUE_SOURCES): Promise<DueItem[]> {
  return (await Promise.all(sources.map((source) => source(db, calendar)))).flat()
}
