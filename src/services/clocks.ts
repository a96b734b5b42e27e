// Clocks on cases (issue 5, item 6): every clock on one case, the running clocks
// across an authority's cases (one query, then pure computation), extensions and pauses with who
// agreed them, and recomputing after a calendar change, recorded on each case it moves.
import { caseProgressRepository, type RunningCaseRow } from '../data/repositories/case-progress.js'
import type { BankHolidayCalendar } from '../domain/calendar/index.js'
import { clockFacts, clocksFor, isRunning, type ClockView } from '../domain/after-decision/index.js'
import type { Status } from '../domain/lifecycle/index.js'
import { inTransaction, refuse, type Actor, type Refusal } from './context.js'
import { caseStep, fail, isDay, noteOnCase, readCase, text, type CaseStepResult } from './case-steps.js'
import { actorLabel, londonDay, type IncidentDeps, type LoadRefusal } from './incident-access.js'

/** Statuses whose clocks can still run (the reminders' due source reads them too). */
export const RUNNING: readonly Status[] = ['decided_notify', 'notification_sent', 'rapid_review', 'rapid_review_sent', 'practice_review', 'no_further_review']

export interface RunningClock extends ClockView {
  readonly incidentId: string
  readonly reference: string
}

const closedStatus = (status: Status) => status === 'closed' || status === 'withdrawn'
const clocksOfRow = (row: RunningCaseRow, calendar: BankHolidayCalendar, now: Date): ClockView[] => clocksFor(clockFacts(row.progress, row.awareDate, closedStatus(row.status)), calendar, londonDay(now))

export function clockService(deps: IncidentDeps) {
  return {
    /** Every clock on the case: start, due, original due if extended, state, days left or overdue, source. */
    clocks(actor: Actor, incidentId: string): Promise<{ ok: true; clocks: ClockView[] } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const read = await readCase(work, actor, incidentId, 'clocks')
        if ('ok' in read) return read
        const facts = clockFacts(read.progress, read.stored.record.awareness.awareDate ?? null, closedStatus(read.stored.status))
        return { ok: true, clocks: clocksFor(facts, deps.calendar, londonDay(work.now)) }
      })
    },

    /** The running clocks of every case in the authority, soonest first: for the worklist and reminders. */
    async runningClocks(actor: Actor, authorityId: string): Promise<{ ok: true; clocks: RunningClock[] } | Refusal<'forbidden'>> {
      if (actor.kind === 'user' && !actor.permissions.canIn(authorityId, 'case:view')) return refuse('forbidden')
      const repo = caseProgressRepository(deps.database.db)
      const rows = [...(await repo.cases(authorityId, RUNNING)), ...(await repo.awaitingFirstStep(authorityId))]
      const now = deps.now()
      const clocks = rows.flatMap((row) => clocksOfRow(row, deps.calendar, now).filter(isRunning).map((c) => ({ ...c, incidentId: row.incidentId, reference: row.reference })))
      return { ok: true, clocks: clocks.sort((a, b) => a.due.localeCompare(b.due) || a.reference.localeCompare(b.reference)) }
    },

    /** An extension or pause: the new due date, why, and who agreed it; the original stays visible. */
    extendClock(actor: Actor, incidentId: string, version: number, input: { clockKey: string; newDue: string; reason: string; agreedBy: string }): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'extend_clock', permission: 'review:manage', comment: input.reason, detail: input.clockKey }, async (work, stored, progress) => {
        const running = clocksFor(clockFacts(progress, stored.record.awareness.awareDate ?? null, false), deps.calendar, londonDay(work.now)).filter(isRunning)
        if (!running.some((c) => c.key === input.clockKey)) return fail('clockKey', 'Select a running clock')
        if (!isDay(input.newDue)) return fail('newDue', 'Enter the new due date')
        if (!text(input.reason)) return fail('comment', 'Enter why the clock is extended or paused')
        if (!text(input.agreedBy)) return fail('agreedBy', 'Enter who agreed it, for example the Panel')
        const extension = { clockKey: input.clockKey, newDue: input.newDue, reason: text(input.reason), agreedBy: text(input.agreedBy), recordedBy: actorLabel(actor), recordedAt: work.now.toISOString() }
        return { ...progress, extensions: [...progress.extensions, extension] }
      })
    },

    /**
     * After the bank holiday calendar changes: recomputes running clocks under `previous` and
     * `next`, and on each case where a due date moves writes a history line and an audit entry
     * (`clocks.recomputed`). The caller (the `sin holidays` update) then uses `next`.
     */
    recomputeClocks(actor: Actor, previous: BankHolidayCalendar, next: BankHolidayCalendar): Promise<{ ok: true; moved: { incidentId: string; reference: string; changes: string[] }[] }> {
      return inTransaction(deps, async (work) => {
        const repo = caseProgressRepository(work.trx)
        const rows = [...(await repo.cases(null, RUNNING)), ...(await repo.awaitingFirstStep(null))]
        const moved: { incidentId: string; reference: string; changes: string[] }[] = []
        for (const row of rows) {
          const before = new Map(clocksOfRow(row, previous, work.now).filter(isRunning).map((c) => [c.key, c.due]))
          const changes = clocksOfRow(row, next, work.now).filter((c) => isRunning(c) && before.has(c.key) && before.get(c.key) !== c.due).map((c) => `${c.name}: ${before.get(c.key) ?? ''} -> ${c.due}`)
          if (changes.length === 0) continue
          await noteOnCase(work, actor, { id: row.incidentId, status: row.status }, 'recompute_clocks', `Bank holidays changed. ${changes.join('; ')}`)
          await work.audit(actor, { action: 'clocks.recomputed', outcome: `done: ${changes.length} moved`, authorityId: row.progress.authorityId, recordType: 'incident', recordId: row.incidentId })
          moved.push({ incidentId: row.incidentId, reference: row.reference, changes })
        }
        return { ok: true, moved }
      })
    },
  }
}
