// The decision owner's decision and how it compares with the engine's outcome. The duty, and the
// decision, stay with the authority (Children Act 2004 s16C; domain R12): the engine advises.
// A decision that departs from the engine's outcome must give its own reason (issue 4, item 5).
import type { Decision } from '../notification/index.js'
import type { IncidentAssessment, Judgements } from './assessment.js'

export const DECISIONS = ['notify', 'do_not_notify', 'refer_to_other_authority'] as const
export type OwnerDecision = (typeof DECISIONS)[number]

export const DECISION_LABELS: Readonly<Record<OwnerDecision, string>> = {
  notify: 'Notify the Child Safeguarding Practice Review Panel',
  do_not_notify: 'Do not notify',
  refer_to_other_authority: 'Refer to the authority where the incident happened',
}

/** What the engine's outcome, once judgements close what it left open, points to. */
export function expectedDecision(decision: Decision): OwnerDecision | null {
  switch (decision) {
    case 'notify':
      return 'notify'
    case 'other_authority':
      return 'refer_to_other_authority'
    case 'not_required':
      return 'do_not_notify'
    case 'judgement_required':
      return null
  }
}

export interface DecisionInput {
  readonly decision: OwnerDecision
  readonly rationale: string
  readonly judgements: Judgements
  /** Required when the decision departs from the engine's outcome. */
  readonly departureReason?: string
}

/**
 * `open` is the engine's answer without judgements, `judged` with the owner's judgements applied.
 * Every judgement the engine left open must be made, with why; a departure needs its reason.
 */
export function decisionProblems(input: DecisionInput, open: IncidentAssessment, judged: IncidentAssessment): Record<string, string> {
  const errors: Record<string, string> = {}
  if (input.rationale.trim() === '') errors['rationale'] = 'Enter the reasons for your decision'
  for (const pending of open.pendingJudgement) {
    if (pending.judgement === 'abuse_or_neglect') {
      if (!input.judgements.abuseOrNeglect?.why.trim()) errors['judgements.abuseOrNeglect'] = 'Select whether abuse or neglect is suspected, and say why'
    } else if (!input.judgements.seriousHarm?.[pending.childId]?.why.trim()) {
      errors[`judgements.seriousHarm.${pending.childId}`] = 'Select whether the child was seriously harmed, and say why'
    }
  }
  if (departsFromEngine(input.decision, judged) && !input.departureReason?.trim()) {
    errors['departureReason'] = 'Enter why your decision is different from the outcome the rules give'
  }
  return errors
}

/** True when the owner decides otherwise than the engine's (judged) outcome points. */
export function departsFromEngine(decision: OwnerDecision, judged: IncidentAssessment): boolean {
  const expected = expectedDecision(judged.decision)
  return expected !== null && expected !== decision
}
