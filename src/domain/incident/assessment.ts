// The engine run on an incident record: each child's facts go through assess() (the engine decides
// per child), and the answers combine with the engine's own precedence. Professional judgements
// (serious harm per child; abuse or neglect for the incident) close what the engine left open, so
// the decision support page can show how the answer changes if a judgement goes either way.
import type { BankHolidayCalendar } from '../calendar/index.js'
import { CalendarDay } from '../calendar/index.js'
import { assess, type Assessment, type Decision, type Facts, type PendingJudgement } from '../notification/index.js'
import { childLabel, type Child, type IncidentRecord } from './fields.js'

export type YesNo = 'yes' | 'no'

export interface Judgement {
  readonly answer: YesNo
  readonly why: string
}

/** Professional judgements (Working Together 2023 ch 5: serious harm is a judgement; s16C: "knows or suspects"). */
export interface Judgements {
  readonly abuseOrNeglect?: Judgement
  /** By child id. */
  readonly seriousHarm?: Readonly<Record<string, Judgement>>
}

export interface ChildAssessment {
  readonly childId: string
  readonly label: string
  readonly assessment: Assessment
}

export interface IncidentAssessment {
  readonly decision: Decision
  readonly deadline: string
  readonly children: readonly ChildAssessment[]
  /** What is still open, and for which child (abuse or neglect is open for the whole incident). */
  readonly pendingJudgement: readonly { readonly judgement: PendingJudgement; readonly childId: string }[]
  readonly otherAuthority: boolean
}

export type AssessmentResult = { readonly ok: true; readonly assessment: IncidentAssessment } | { readonly ok: false; readonly missing: readonly string[] }

/** The engine's precedence (docs/statutory-engine.md): notify, then judgement, then other authority. */
const PRECEDENCE: readonly Decision[] = ['notify', 'judgement_required', 'other_authority', 'not_required']

export function combineDecisions(decisions: readonly Decision[]): Decision {
  return PRECEDENCE.find((d) => decisions.includes(d)) ?? 'not_required'
}

/** The engine's facts for one child, with any judgements applied to what was open. */
export function factsFor(record: IncidentRecord, child: Child, judgements: Judgements = {}): Facts | string[] {
  const missing: string[] = []
  const awareDate = record.awareness.awareDate ? CalendarDay.tryParse(record.awareness.awareDate) : undefined
  const { location } = record.incident
  let abuseOrNeglect = record.abuse.abuseOrNeglect
  let outcome = child.outcome
  if (!awareDate) missing.push('awareDate')
  if (!location) missing.push('location')
  if (!abuseOrNeglect) missing.push('abuseOrNeglect')
  if (!outcome) missing.push('outcome')
  if (child.normallyResident === undefined) missing.push('normallyResident')
  if (!awareDate || !location || !abuseOrNeglect || !outcome || child.normallyResident === undefined) return missing
  const abuseJudgement = judgements.abuseOrNeglect
  if (abuseOrNeglect === 'not_yet_known' && abuseJudgement) abuseOrNeglect = abuseJudgement.answer === 'yes' ? 'suspected' : 'not_suspected'
  const harmJudgement = judgements.seriousHarm?.[child.id]
  if (outcome === 'harm_uncertain' && harmJudgement) outcome = harmJudgement.answer === 'yes' ? 'seriously_harmed' : 'not_seriously_harmed'
  const incidentDate = record.incident.incidentDateNotKnown || !record.incident.incidentDate ? undefined : CalendarDay.tryParse(record.incident.incidentDate)
  const unborn = child.nameStatus === 'unborn'
  return {
    awareDate,
    incidentDate,
    outcome,
    abuseOrNeglect,
    location,
    normallyResident: child.normallyResident,
    child: {
      dateOfBirth: unborn || !child.dateOfBirth ? undefined : CalendarDay.tryParse(child.dateOfBirth),
      unborn,
      lookedAfter: child.lookedAfter === true,
      careLeaver: child.careLeaver === true,
    },
  }
}

/** Runs the engine for every child; missing facts are named rather than guessed. */
export function assessIncident(record: IncidentRecord, calendar: BankHolidayCalendar, judgements: Judgements = {}): AssessmentResult {
  if (record.children.length === 0) return { ok: false, missing: ['children'] }
  const children: ChildAssessment[] = []
  const missing = new Set<string>()
  record.children.forEach((child, index) => {
    const facts = factsFor(record, child, judgements)
    if (Array.isArray(facts)) facts.forEach((f) => missing.add(f))
    else children.push({ childId: child.id, label: childLabel(child, index), assessment: assess(facts, calendar) })
  })
  if (missing.size > 0) return { ok: false, missing: [...missing] }
  const first = children[0]
  if (!first) return { ok: false, missing: ['children'] }
  return {
    ok: true,
    assessment: {
      decision: combineDecisions(children.map((c) => c.assessment.decision)),
      deadline: first.assessment.deadline,
      children,
      pendingJudgement: children.flatMap((c) => c.assessment.pendingJudgement.map((judgement) => ({ judgement, childId: c.childId }))),
      otherAuthority: children.some((c) => c.assessment.otherAuthority),
    },
  }
}

/** The answer if every open judgement went one way: for "how would this change" on the decision page. */
export function ifJudgedAll(record: IncidentRecord, calendar: BankHolidayCalendar, answer: YesNo): AssessmentResult {
  const why = 'What if'
  const seriousHarm = Object.fromEntries(record.children.map((c) => [c.id, { answer, why }]))
  return assessIncident(record, calendar, { abuseOrNeglect: { answer, why }, seriousHarm })
}
