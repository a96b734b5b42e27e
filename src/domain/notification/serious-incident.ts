// The serious incident test: Children Act 2004 s16C(1).
//   "Where a local authority in England knows or suspects that a child has been abused or
//    neglected, the local authority must notify the Child Safeguarding Practice Review Panel if
//    (a) the child dies or is seriously harmed in the local authority's area, or (b) while
//    normally resident in the local authority's area, the child dies or is seriously harmed
//    outside England."
import type { ChildStatus } from './child.js'
import type { Facts } from './facts.js'
import { CITE, type Reason } from './reason.js'

export type PendingJudgement = 'serious_harm' | 'abuse_or_neglect'

export interface SeriousIncidentResult {
  /** notify: this authority must notify. judgement: it must if an open judgement goes that way.
   *  other_authority: met (or open) but the incident happened elsewhere in England. */
  readonly status: 'notify' | 'judgement' | 'other_authority' | 'not_met'
  readonly pendingJudgement: readonly PendingJudgement[]
  readonly reasons: readonly Reason[]
}

type Answer = 'yes' | 'open' | 'no'

/** Died or seriously harmed: s16C(1)(a) and (b). Whether harm is serious is a judgement (WT 2023). */
function harmAnswer(facts: Facts): Answer {
  if (facts.outcome === 'died' || facts.outcome === 'seriously_harmed') return 'yes'
  return facts.outcome === 'harm_uncertain' ? 'open' : 'no'
}

/** "Knows or suspects" abuse or neglect: s16C(1). Suspicion alone is enough. */
function abuseAnswer(facts: Facts): Answer {
  if (facts.abuseOrNeglect === 'known' || facts.abuseOrNeglect === 'suspected') return 'yes'
  return facts.abuseOrNeglect === 'not_yet_known' ? 'open' : 'no'
}

const HARM_SETTLED_NO: Reason = {
  rule: CITE.s16C,
  text: 'The child did not die and was not seriously harmed. A serious incident notification is needed only when a child dies or is seriously harmed.',
}
const ABUSE_SETTLED_NO: Reason = {
  rule: CITE.s16C,
  text: 'Abuse or neglect is not known or suspected. A serious incident notification is needed only when the authority knows or suspects that the child was abused or neglected.',
}
const HARM_OPEN: Reason = {
  rule: CITE.seriousHarm,
  text: 'Whether the harm is serious is still a matter for professional judgement. Serious harm includes serious or long-term harm to a child\'s physical or mental health or development. It can still be serious harm if the child recovers. If the harm is judged serious, a serious incident notification is needed.',
}
const ABUSE_OPEN: Reason = {
  rule: CITE.s16C,
  text: 'It is not yet known whether abuse or neglect is suspected. Suspicion is enough: if abuse or neglect is known or suspected, a serious incident notification is needed.',
}
const RAPID_REVIEW: Reason = {
  rule: CITE.rapidReview,
  text: 'A rapid review follows. The safeguarding partners should complete it and send it to the Panel within 15 working days of sending the notification.',
}
const NOT_RESIDENT_OUTSIDE_ENGLAND: Reason = {
  rule: CITE.s16CLimbB,
  text: 'The incident happened outside England and the child is not normally resident in this authority\'s area. The law does not place the duty to notify on this authority.',
}

function whatHappened(facts: Facts): string {
  return facts.outcome === 'died' ? 'died' : 'was seriously harmed'
}

function knowledge(facts: Facts): string {
  return facts.abuseOrNeglect === 'known' ? 'knows that the child was abused or neglected' : 'suspects that the child was abused or neglected. Suspicion is enough'
}

/** Limb (a): in this area, whoever the child is and wherever they live. */
function limbA(facts: Facts): Reason {
  return {
    rule: CITE.s16CLimbA,
    text: `The authority ${knowledge(facts)}. The child ${whatHappened(facts)} in this authority's area. The authority must notify the Child Safeguarding Practice Review Panel within 5 working days. The notification also reaches Ofsted and the Department for Education.`,
  }
}

/** Limb (b): normally resident here and harmed outside England (Wales, Scotland, NI, abroad). */
function limbB(facts: Facts): Reason {
  return {
    rule: CITE.s16CLimbB,
    text: `The authority ${knowledge(facts)}. The child is normally resident in this authority's area and ${whatHappened(facts)} outside England. Wales, Scotland, Northern Ireland and other countries all count as outside England. The authority must notify the Child Safeguarding Practice Review Panel within 5 working days. The notification also reaches Ofsted and the Department for Education.`,
  }
}

/** Where it happened elsewhere in England, the duty is the authority's for that area (Panel FAQs). */
function elsewhereInEngland(open: boolean): Reason {
  const judgement = open ? ' Whether it is a serious incident still turns on professional judgement, which is for that authority to make.' : ''
  return {
    rule: CITE.whoseDuty,
    text: `The incident happened elsewhere in England. The duty to notify falls on the local authority for the area where it happened, not on this authority.${judgement} Contact that authority and share what you know.`,
  }
}

const NOT_A_CHILD: Reason = {
  rule: CITE.s16C,
  text: 'The duty to notify a serious incident applies only to children (under 18), so no serious incident notification is needed.',
}

export function seriousIncidentTest(facts: Facts, child: ChildStatus): SeriousIncidentResult {
  if (!child.isChild) return { status: 'not_met', pendingJudgement: [], reasons: [NOT_A_CHILD] }
  const harm = harmAnswer(facts)
  const abuse = abuseAnswer(facts)
  // Settled answers ("no") end the test: nothing is left to judge.
  if (harm === 'no' || abuse === 'no') {
    const reasons = [...(harm === 'no' ? [HARM_SETTLED_NO] : []), ...(abuse === 'no' ? [ABUSE_SETTLED_NO] : [])]
    return { status: 'not_met', pendingJudgement: [], reasons }
  }
  const open = harm === 'open' || abuse === 'open'
  if (facts.location === 'elsewhere_in_england') return { status: 'other_authority', pendingJudgement: [], reasons: [elsewhereInEngland(open)] }
  if (facts.location === 'outside_england' && !facts.normallyResident) return { status: 'not_met', pendingJudgement: [], reasons: [NOT_RESIDENT_OUTSIDE_ENGLAND] }
  if (open) {
    const pendingJudgement: PendingJudgement[] = [...(harm === 'open' ? ['serious_harm' as const] : []), ...(abuse === 'open' ? ['abuse_or_neglect' as const] : [])]
    const reasons = [...(harm === 'open' ? [HARM_OPEN] : []), ...(abuse === 'open' ? [ABUSE_OPEN] : [])]
    return { status: 'judgement', pendingJudgement, reasons }
  }
  return { status: 'notify', pendingJudgement: [], reasons: [facts.location === 'this_area' ? limbA(facts) : limbB(facts), RAPID_REVIEW] }
}
