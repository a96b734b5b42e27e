// What is due, as one list of DueItems. Each source reads one kind of running clock in one query;
// the scheduler asks them all: the decision's clock, and every clock after the decision
// (notifications, partners informed, the rapid review, the practice review and its final report).
import type { Kysely } from 'kysely'
import { caseProgressRepository } from '../data/repositories/case-progress.js'
import { clockFacts, clocksFor, isRunning } from '../domain/after-decision/index.js'
import { remindersRepository } from '../data/repositories/reminders.js'
import type { Schema } from '../data/schema.js'
import { CalendarDay, type BankHolidayCalendar } from '../domain/calendar/index.js'
import { NEEDS_DECISION_OWNER } from '../domain/lifecycle/index.js'
import type { DueItem, RecipientRole } from '../domain/reminders/index.js'
import { clock, dueDate, type ClockId } from '../domain/timeline/index.js'
import { RUNNING } from './clocks.js'

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
    alert: true,
  }))
}

/** The review clocks are the business unit's to meet; the notifications are the decision owner's. */
const BUSINESS_UNIT_CLOCKS: readonly ClockId[] = ['rapid_review_sent', 'practice_review_published', 'final_report_sent']

/**
 * Every running clock after the decision, across all authorities, from the same two queries and
 * pure clocksFor as the worklist's runningClocks, so the two always agree on the due dates.
 * Several notifications of one kind on a case share one due date, so they make one item: the
 * delivery key (incident, clock, due date) would send them once anyway.
 */
export const runningCaseClocks: DueSource = async (db, calendar) => {
  const repo = caseProgressRepository(db)
  const rows = [...(await repo.cases(null, RUNNING)), ...(await repo.awaitingFirstStep(null))]
  const items = new Map<string, DueItem>()
  for (const row of rows) {
    // Whether a clock runs (not met, not stood down) does not depend on today, and the scheduler
    // works out the reminder point from the due date itself, so the start day stands in for today.
    const facts = clockFacts(row.progress, row.awareDate, false)
    for (const view of clocksFor(facts, calendar, CalendarDay.parse(row.awareDate ?? '2000-01-01')).filter(isRunning)) {
      const recipients: RecipientRole[] = BUSINESS_UNIT_CLOCKS.includes(view.clockId) ? ['business_unit'] : ['decision_owner']
      const item = { authorityId: row.progress.authorityId, incidentId: row.incidentId, reference: row.reference, clockId: view.clockId, clockName: view.name, dueDate: view.due, recipients, alert: false }
      items.set(`${row.incidentId}|${view.clockId}|${view.due}`, item)
    }
  }
  return [...items.values()]
}

export const DUE_SOURCES: readonly DueSource[] = [awaitingDecision, runningCaseClocks]

export async function whatIsDue(db: Kysely<Schema>, calendar: BankHolidayCalendar, sources: readonly DueSource[] = DUE_SOURCES): Promise<DueItem[]> {
  return (await Promise.all(sources.map((source) => source(db, calendar)))).flat()
}
