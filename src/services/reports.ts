// The report figures (issue 6, item 3) for one authority and period: four queries (the incidents
// aware in the period with their children, their decisions, every case's progress, the actions
// open at the period's end), then the pure figures of src/domain/reports.
// Viewing is audited; an export (item 4) needs the 'export' permission and a justification
// (DPA 2018 s62), audited with it as 'export'.
import { caseProgressRepository } from '../data/repositories/case-progress.js'
import { reportsRepository, type ReportIncidentRow } from '../data/repositories/reports.js'
import { clockFacts, clocksFor, type CaseProgress } from '../domain/after-decision/index.js'
import { CalendarDay } from '../domain/calendar/index.js'
import type { Action } from '../domain/permissions/index.js'
import { STATUSES } from '../domain/lifecycle/index.js'
import { ageInYears } from '../domain/notification/index.js'
import { figures, inPeriod, periodEnd, type Figures, type Period, type ReportCase } from '../domain/reports/index.js'
import { inTransaction, type Actor, type Refusal } from './context.js'
import { invalidErrors, londonDay, type IncidentDeps, type InvalidErrors } from './incident-access.js'

export type ReportResult = { ok: true; figures: Figures } | Refusal<'forbidden'>

/** Age in whole years on the incident date, or the day of awareness when that is not known. */
function ageOf(child: ReportIncidentRow['children'][number], on: string | null): number | null {
  if (child.dateOfBirth && on) return Math.max(0, ageInYears(CalendarDay.parse(child.dateOfBirth), CalendarDay.parse(on)))
  return child.approximateAge ?? null
}

export function reportService(deps: IncidentDeps) {
  async function load(authorityId: string, period: Period): Promise<Figures> {
    const repo = reportsRepository(deps.database.db)
    const today = londonDay(deps.now())
    // A case counts in the period it became aware of, so only those are read in full; a step
    // (a notification sent, a review sent or published) counts in the period it happened, whenever
    // the case began, so every case's progress is read, but nothing else of cases outside the period.
    const [incidents, decisions, progress, actions] = await Promise.all([
      repo.incidents(authorityId, period), repo.latestDecisions(authorityId, period), caseProgressRepository(deps.database.db).cases(authorityId, STATUSES),
      repo.actions(authorityId, periodEnd(period, today.toString())),
    ])
    const aware = new Map(incidents.map((i) => [i.id, i]))
    // Due dates come from the case's clocks, so an agreed extension moves "on time" too. Only a
    // step in the period is judged on time, so only those are worked out (each costs a clock count).
    const dueOf = (p: CaseProgress, awareDate: string | null, clockId: string, on: string | null) =>
      inPeriod(on, period) ? (clocksFor(clockFacts(p, awareDate, false), deps.calendar, today).find((c) => c.clockId === clockId)?.due ?? '') : ''
    const stepsOf = (p: CaseProgress | undefined, awareDate: string | null): Pick<ReportCase, 'notifications' | 'rapidReview' | 'practiceReview'> => {
      const rr = p?.rapidReview
      const pr = p?.practiceReview
      return {
        notifications: (p?.notifications ?? []).filter((n) => !n.withdrawal).map((n) => ({ kind: n.kind, sentOn: n.submission?.sentOn ?? null })),
        rapidReview: p && rr ? { due: dueOf(p, awareDate, 'rapid_review_sent', rr.sentOn), sentOn: rr.sentOn } : null,
        practiceReview: p && pr ? { decidedOn: pr.decidedOn, due: dueOf(p, awareDate, 'practice_review_published', pr.publishedOn), publishedOn: pr.publishedOn } : null,
      }
    }
    const progressOf = new Map(progress.map((p) => [p.incidentId, p.progress]))
    const cases: ReportCase[] = [
      ...incidents.map((i): ReportCase => ({
        awareDate: i.awareDate,
        screened: i.status !== 'draft',
        ages: i.children.map((c) => ageOf(c, i.incidentDate ?? i.awareDate)),
        lookedAfter: i.children.some((c) => c.lookedAfter === true),
        harmKinds: i.harmKinds,
        partnerRaised: i.raisedBy,
        decision: decisions.get(i.id) ?? null,
        ...stepsOf(progressOf.get(i.id), i.awareDate),
      })),
      // Cases aware in another period: only their steps can count here.
      ...progress.filter((p) => !aware.has(p.incidentId)).map((p): ReportCase => ({
        awareDate: p.awareDate, screened: false, ages: [], lookedAfter: false, harmKinds: [], partnerRaised: null, decision: null, ...stepsOf(p.progress, p.awareDate),
      })),
    ]
    return figures(cases, actions, period, today.toString(), deps.calendar)
  }

  async function permitted(actor: Actor, authorityId: string, action: Action, about: string): Promise<boolean> {
    return inTransaction(deps, ({ permit }) => permit(actor, action, { authorityId, recordType: 'report', recordId: about }))
  }

  return {
    /** The figures for a period, for people who may see reports; the view is audited. */
    async figures(actor: Actor, authorityId: string, period: Period): Promise<ReportResult> {
      const about = `${period.from} to ${period.to}`
      if (!(await permitted(actor, authorityId, 'report:view', about))) return { ok: false, reason: 'forbidden' }
      const result = await load(authorityId, period)
      await inTransaction(deps, ({ audit }) => audit(actor, { action: 'report.viewed', outcome: 'done', authorityId, recordType: 'report', recordId: about }))
      return { ok: true, figures: result }
    },

    /** The figures for an export: the 'export' permission and a justification, audited with it. */
    async exportFigures(actor: Actor, authorityId: string, period: Period, justification: string, format: 'csv' | 'xlsx'): Promise<ReportResult | InvalidErrors> {
      const about = `${period.from} to ${period.to}`
      if (!(await permitted(actor, authorityId, 'export', about))) return { ok: false, reason: 'forbidden' }
      if (!justification.trim()) return invalidErrors({ justification: 'Enter why you are exporting the report' })
      const result = await load(authorityId, period)
      await inTransaction(deps, ({ audit }) => audit(actor, { action: 'export', outcome: `done: report ${format}`, authorityId, recordType: 'report', recordId: about, justification: justification.trim() }))
      return { ok: true, figures: result }
    },
  }
}
