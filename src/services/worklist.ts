// The worklist: what needs this user now, by role, each with its clock's state. A handful of
// queries for the whole authority (the incidents, the running clocks, open actions and, for
// partners, their requests and sign-offs), then pure selection (docs/reports.md, "The worklist").
import { worklistRepository, type WorklistIncidentRow } from '../data/repositories/worklist.js'
import { CalendarDay } from '../domain/calendar/index.js'
import { stateOn, type ClockState } from '../domain/after-decision/index.js'
import { NEEDS_DECISION_OWNER } from '../domain/lifecycle/index.js'
import { NOTIFICATION_WORKING_DAYS } from '../domain/notification/index.js'
import { clockService } from './clocks.js'
import { refuse, type Actor, type Refusal } from './context.js'
import { londonDay, type IncidentDeps } from './incident-access.js'

export type WorkStage = 'draft' | 'decision' | 'views' | 'notification' | 'rapid_review' | 'practice_review' | 'actions'
export type WorkState = Exclude<ClockState, 'met' | 'stood_down'>

export interface WorkItem {
  readonly incidentId: string
  readonly reference: string
  readonly stage: WorkStage
  /** What is due, in words: "Decide whether to notify the Panel", a clock's name, an action. */
  readonly what: string
  readonly due: string | null
  readonly state: WorkState | null
  /** The agency that owes it, for the partner filter (police, health, authority). */
  readonly agency: string | null
  /** For search only: never shown in a URL or log. */
  readonly childNames: readonly string[]
}

const STAGE_OF_CLOCK: Readonly<Record<string, WorkStage>> = { rapid_review_sent: 'rapid_review', practice_review_published: 'practice_review', final_report_sent: 'practice_review' }

export function worklistService(deps: IncidentDeps) {
  const clocks = clockService(deps)
  return {
    /** `search`: the children's names are wanted too (they are read only then). */
    async worklist(actor: Actor, options: { search?: boolean } = {}): Promise<{ ok: true; items: WorkItem[] } | Refusal<'forbidden'>> {
      const authorityId = actor.kind === 'user' ? actor.permissions.currentAuthority?.id : undefined
      if (actor.kind !== 'user' || !authorityId || !actor.permissions.can('case:view')) return refuse('forbidden')
      const repo = worklistRepository(deps.database.db)
      const today = londonDay(deps.now())
      const state = (due: string): WorkState => stateOn(CalendarDay.parse(due), today, deps.calendar).state as WorkState
      const role = actor.permissions.role
      const incidents = await repo.incidents(authorityId, { unfinishedOrActions: role !== 'partner', childNames: options.search === true })
      const byId = new Map(incidents.map((i) => [i.id, i]))
      const item = (incident: WorklistIncidentRow, stage: WorkStage, what: string, due: string | null, agency: string | null): WorkItem => ({
        incidentId: incident.id, reference: incident.reference, stage, what, due, state: due ? state(due) : null, agency, childNames: incident.childNames,
      })
      const decisionDue = (i: WorklistIncidentRow) => (i.awareDate ? deps.calendar.addWorkingDays(CalendarDay.parse(i.awareDate), NOTIFICATION_WORKING_DAYS).toString() : null)
      const decision = (i: WorklistIncidentRow) => item(i, 'decision', 'Decide whether to notify the Panel', decisionDue(i), 'authority')

      if (role === 'practitioner') {
        return { ok: true, items: incidents.filter((i) => i.createdBy === actor.userId && (i.status === 'draft' || NEEDS_DECISION_OWNER.includes(i.status))).map((i) => (i.status === 'draft' ? item(i, 'draft', 'Finish and submit your draft', decisionDue(i), 'authority') : decision(i))) }
      }
      if (role === 'partner') {
        const partner = await repo.partnerOf(actor.userId)
        if (!partner) return { ok: true, items: [] }
        const [views, signOffs] = await Promise.all([repo.viewsRequested(authorityId, partner.id), repo.signOffsOwed(authorityId, partner.kind)])
        const running = await clocks.runningClocks(actor, authorityId)
        const rapidReviewDue = new Map(running.ok ? running.clocks.filter((c) => c.clockId === 'rapid_review_sent').map((c) => [c.incidentId, c.due]) : [])
        const pick = (ids: readonly string[]) => ids.map((id) => byId.get(id)).filter((i): i is WorklistIncidentRow => i !== undefined)
        return {
          ok: true,
          items: [
            ...pick(views).map((i) => item(i, 'views', 'Give your organisation’s view', decisionDue(i), partner.kind)),
            ...pick(signOffs).map((i) => item(i, 'rapid_review', 'Sign off the rapid review for your organisation', rapidReviewDue.get(i.id) ?? null, partner.kind)),
          ],
        }
      }
      const awaiting = incidents.filter((i) => NEEDS_DECISION_OWNER.includes(i.status)).map(decision)
      const running = await clocks.runningClocks(actor, authorityId)
      const clockItems = (running.ok ? running.clocks : []).flatMap((c) => {
        const incident = byId.get(c.incidentId)
        return incident ? [item(incident, STAGE_OF_CLOCK[c.clockId] ?? 'notification', c.name, c.due, 'authority')] : []
      })
      const actions = (await repo.openActions(authorityId)).flatMap((a) => {
        const incident = byId.get(a.incidentId)
        return incident ? [item(incident, 'actions', `Learning action: ${a.description}`, a.dueOn, a.ownerAgency)] : []
      })
      const all = [...awaiting, ...clockItems, ...actions]
      if (role === 'decision-owner') return { ok: true, items: all.filter((i) => i.stage === 'decision' || i.stage === 'notification') }
      // The business unit (and auditors, who read everything) see what is due across the partnership.
      return { ok: true, items: all }
    },
  }
}
