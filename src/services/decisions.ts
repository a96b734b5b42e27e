// The statutory decision (issue 4, items 2, 3 and 5): the engine's outcome for the record, the
// proposed notifications, the decision owner's decision with its judgements, revisiting it, and
// liaison with the authority whose duty it is. Decisions are never updated: each is a new row
// holding the facts and the engine's outcome as they were, so history stays visible.
import { z } from 'zod'
import { deliberationRepository } from '../data/repositories/decisions.js'
import type { DecisionRow, OtherAuthorityLiaisonRow } from '../data/schema.js'
import { CalendarDay } from '../domain/calendar/index.js'
import {
  assessIncident, checkAnswers, decisionProblems, departsFromEngine, groupingProblems, ifJudgedAll, proposeNotifications,
  type AdjustedGrouping, type AssessmentResult, type DecisionInput, type IncidentAssessment, type IncidentRecord, type Judgements, type OwnerDecision, type ProposedNotification,
} from '../domain/incident/index.js'
import type { LifecycleAction } from '../domain/lifecycle/index.js'
import { inTransaction, refuse, type Actor } from './context.js'
import { actorLabel, hasErrors, invalidErrors, isRefusal, loadIncident, londonDay, takeStep, type ChangeRefusal, type IncidentDeps, type LoadRefusal } from './incident-access.js'
import { fieldErrors } from './incident-input.js'
import type { Saved } from './incidents.js'

export interface DecisionSupport {
  readonly assessment: AssessmentResult
  /** How the answer would change if every open judgement went one way or the other. */
  readonly ifYes: AssessmentResult
  readonly ifNo: AssessmentResult
  readonly proposed: readonly ProposedNotification[]
  /** The user's adjustment, when they made one; it replaces the proposal. */
  readonly adjusted: AdjustedGrouping | null
}

export interface RecordedDecision {
  readonly id: string
  readonly decision: OwnerDecision
  readonly rationale: string
  readonly departsFromEngine: boolean
  readonly departureReason: string | null
  readonly judgements: Judgements
  readonly partnersConsulted: readonly { kind: string; view: string; recordedAt: string }[]
  readonly engineOutcome: { readonly open: IncidentAssessment; readonly judged: IncidentAssessment }
  readonly facts: IncidentRecord
  readonly decidedBy: string
  readonly decidedAt: string
}

const judgement = z.object({ answer: z.enum(['yes', 'no'], { message: 'Select yes or no' }), why: z.string().trim().min(1, { message: 'Enter why' }).max(5000) })
export const decisionSchema = z.object({
  decision: z.enum(['notify', 'do_not_notify', 'refer_to_other_authority'], { message: 'Select your decision' }),
  rationale: z.string().trim().max(10000).default(''),
  departureReason: z.string().trim().max(10000).optional(),
  judgements: z.object({ abuseOrNeglect: judgement.optional(), seriousHarm: z.record(z.string(), judgement).optional() }).default({}),
})
const liaisonSchema = z.object({
  otherAuthority: z.string().trim().min(1, { message: 'Enter the other authority’s name' }).max(200),
  contact: z.string().trim().min(1, { message: 'Enter who you spoke to' }).max(200),
  contactedOn: z.string().refine((v) => CalendarDay.tryParse(v) !== undefined, { message: 'Date of contact must be a real date' }),
  agreed: z.string().trim().min(1, { message: 'Enter what was agreed' }).max(5000),
})

const DECISION_ACTION: Readonly<Record<OwnerDecision, LifecycleAction>> = { notify: 'decide_notify', do_not_notify: 'decide_do_not_notify', refer_to_other_authority: 'decide_refer' }

function toDecision(row: DecisionRow): RecordedDecision {
  return {
    id: row.id, decision: row.decision, rationale: row.rationale, departsFromEngine: row.departs_from_engine === 1, departureReason: row.departure_reason,
    judgements: JSON.parse(row.judgements) as Judgements, partnersConsulted: JSON.parse(row.partners_consulted) as RecordedDecision['partnersConsulted'],
    engineOutcome: JSON.parse(row.engine_outcome) as RecordedDecision['engineOutcome'], facts: JSON.parse(row.facts) as IncidentRecord, decidedBy: row.decided_by, decidedAt: row.decided_at,
  }
}

export function decisionService(deps: IncidentDeps) {
  return {
    /** The decision support page's data: nothing here is stored, all is recomputed from the record. */
    support(actor: Actor, incidentId: string, judgements: Judgements = {}): Promise<{ ok: true; support: DecisionSupport } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'case:view')
        if (isRefusal(stored)) return stored
        await work.audit(actor, { action: 'record.viewed', outcome: 'done: assessment', authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
        const { record } = stored
        const support: DecisionSupport = {
          assessment: assessIncident(record, deps.calendar, judgements),
          ifYes: ifJudgedAll(record, deps.calendar, 'yes'),
          ifNo: ifJudgedAll(record, deps.calendar, 'no'),
          proposed: proposeNotifications(record.children, record.incident),
          adjusted: stored.grouping,
        }
        return { ok: true as const, support }
      })
    },

    /** Replaces the proposed notifications with the user's grouping; a reason is required. */
    adjustNotifications(actor: Actor, incidentId: string, version: number, grouping: AdjustedGrouping): Saved {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'incident:record')
        if (isRefusal(stored)) return stored
        if (stored.version !== version) return refuse('stale')
        const errors = groupingProblems(stored.record.children, grouping)
        if (hasErrors(errors)) return invalidErrors(errors)
        const value = { groups: grouping.groups.map((g) => ({ childIds: [...g.childIds] })), reason: grouping.reason.trim() }
        return takeStep(work, actor, stored, { action: 'adjust_notifications', version, change: { notification_grouping: JSON.stringify(value) } })
      })
    },

    /** Only the decision owner; the engine's outcome and the facts are kept with the decision. */
    recordDecision(actor: Actor, incidentId: string, version: number, input: unknown): Promise<{ ok: true; version: number; decisionId: string; departsFromEngine: boolean } | ChangeRefusal> {
      const parsed = decisionSchema.safeParse(input ?? {})
      if (!parsed.success) return Promise.resolve(invalidErrors(fieldErrors(parsed.error)))
      const decision: DecisionInput = parsed.data
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'decision:record')
        if (isRefusal(stored)) return stored
        // Stale first: a page that has not seen the latest facts must not be judged on them.
        if (stored.version !== version) return refuse('stale')
        const missing = checkAnswers(stored.record)
        const open = assessIncident(stored.record, deps.calendar)
        const judged = assessIncident(stored.record, deps.calendar, decision.judgements)
        if (missing.length > 0 || !open.ok || !judged.ok) return invalidErrors({ record: 'Complete the incident record before recording a decision' })
        const errors = decisionProblems(decision, open.assessment, judged.assessment)
        if (hasErrors(errors)) return invalidErrors(errors)
        const step = await takeStep(work, actor, stored, { action: DECISION_ACTION[decision.decision], version, comment: decision.rationale })
        if (!step.ok) return step
        const repo = deliberationRepository(work.trx)
        const consulted = (await repo.views(stored.id)).filter((v) => v.kind !== 'authority').map((v) => ({ kind: v.kind, view: v.view, recordedAt: v.recorded_at }))
        const departs = departsFromEngine(decision.decision, judged.assessment)
        const decisionId = await repo.addDecision({
          incident_id: stored.id, decision: decision.decision, rationale: decision.rationale, departs_from_engine: departs ? 1 : 0, departure_reason: departs ? (decision.departureReason ?? null) : null,
          judgements: JSON.stringify(decision.judgements), partners_consulted: JSON.stringify(consulted), engine_outcome: JSON.stringify({ open: open.assessment, judged: judged.assessment }),
          facts: JSON.stringify(stored.record), decided_by: actorLabel(actor), decided_at: work.now.toISOString(),
        })
        return { ...step, decisionId, departsFromEngine: departs }
      })
    },

    /** Back to "needs a discussion" when facts change; the earlier decision stays as history. */
    revisit(actor: Actor, incidentId: string, version: number, whatChanged: string): Saved {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'decision:record')
        if (isRefusal(stored)) return stored
        return takeStep(work, actor, stored, { action: 'revisit', version, comment: whatChanged })
      })
    },

    /** Who at the other authority, when, and what was agreed (R2: the duty is theirs; collaborate). */
    recordLiaison(actor: Actor, incidentId: string, version: number, input: unknown): Saved {
      const parsed = liaisonSchema.safeParse(input ?? {})
      if (!parsed.success) return Promise.resolve(invalidErrors(fieldErrors(parsed.error)))
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'decision:record')
        if (isRefusal(stored)) return stored
        if (CalendarDay.parse(parsed.data.contactedOn).isAfter(londonDay(work.now))) return invalidErrors({ contactedOn: 'Date of contact must be today or in the past' })
        const step = await takeStep(work, actor, stored, { action: 'record_liaison', version })
        if (!step.ok) return step
        const { otherAuthority, contact, contactedOn, agreed } = parsed.data
        await deliberationRepository(work.trx).addLiaison({ incident_id: stored.id, other_authority: otherAuthority, contact, contacted_on: contactedOn, agreed, recorded_by: actorLabel(actor), recorded_at: work.now.toISOString() })
        return step
      })
    },

    /** Every decision, oldest first (the last is current), and the liaison records. */
    history(actor: Actor, incidentId: string): Promise<{ ok: true; decisions: RecordedDecision[]; liaisons: OtherAuthorityLiaisonRow[] } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'case:view')
        if (isRefusal(stored)) return stored
        await work.audit(actor, { action: 'record.viewed', outcome: 'done: decisions', authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
        const repo = deliberationRepository(work.trx)
        return { ok: true as const, decisions: (await repo.decisions(stored.id)).map(toDecision), liaisons: await repo.liaisons(stored.id) }
      })
    },
  }
}
