// What a case holds after the decision to notify: the notifications owed and their submissions,
// the rapid review, the practice review and clock extensions. Stored as JSON on case_progress.
import type { AdjustedGrouping, IncidentRecord } from '../incident/index.js'
import { proposeNotifications } from '../incident/index.js'
import type { CaseClockFacts, ClockExtension, NotificationKind } from './clocks-for.js'
import type { CriteriaChecklist, Recommendation } from './review.js'

/** Who each notification reaches: one online form reaches the Panel, Ofsted and DfE (R5); a death notification the Secretary of State and Ofsted (R7, R8). */
export const RECIPIENTS: Readonly<Record<NotificationKind, readonly string[]>> = {
  serious_incident: ['Child Safeguarding Practice Review Panel', 'Ofsted', 'Department for Education'],
  looked_after_child_death: ['Secretary of State for Education (Department for Education)', 'Ofsted'],
  care_leaver_death: ['Secretary of State for Education (Department for Education)', 'Ofsted'],
}

export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  serious_incident: 'Serious incident notification',
  looked_after_child_death: 'Death of a looked-after child',
  care_leaver_death: 'Death of a care leaver',
}

export interface Submission {
  readonly sentAt: string
  readonly sentOn: string
  readonly nationalReference: string
  readonly sentBy: string
  readonly recipients: readonly string[]
  readonly lateReason: string | null
  readonly recordedBy: string
}

export interface NotificationRecord {
  /** Stable for the same kind and children: `kind:childId+childId`. */
  readonly id: string
  readonly kind: NotificationKind
  readonly childIds: readonly string[]
  readonly submission: Submission | null
  readonly withdrawal: { readonly on: string; readonly reason: string; readonly by: string } | null
}

export interface RapidReview {
  readonly startedOn: string
  readonly sentOn: string | null
  readonly stoodDown: { readonly on: string; readonly reason: string } | null
  readonly recommendation: Recommendation | null
  readonly criteria: CriteriaChecklist | null
  readonly recommendationReasons: string | null
  readonly panelResponse: { readonly receivedOn: string; readonly agreed: boolean; readonly comments: string } | null
}

export interface PracticeReview {
  readonly decidedOn: string
  readonly reviewer: string | null
  readonly commissionedOn: string | null
  readonly termsOfReference: string | null
  readonly milestones: readonly { readonly name: string; readonly dueOn: string; readonly doneOn: string | null }[]
  readonly plannedPublicationOn: string | null
  readonly finalReportSentOn: string | null
  readonly publishedOn: string | null
  readonly link: string | null
  /** Not published: why, and the summary published instead. */
  readonly notPublishedReason: string | null
  readonly summaryPublished: string | null
}

export interface CaseProgress {
  readonly incidentId: string
  readonly authorityId: string
  readonly notifications: readonly NotificationRecord[]
  readonly partnersInformedOn: string | null
  readonly rapidReview: RapidReview | null
  readonly practiceReview: PracticeReview | null
  readonly extensions: readonly (ClockExtension & { readonly recordedBy: string; readonly recordedAt: string })[]
}

const dead = (outcome: string | undefined) => outcome === 'died'

/**
 * The notifications a decision to notify owes: a serious incident notification per group of
 * children (the user's grouping, or GOV.UK's proposal, R6) when abuse or neglect is known or
 * suspected (s16C(1)); a death notification for each looked-after child (R7) or care leaver (R8) who died.
 */
export function notificationsOwed(record: IncidentRecord, grouping: AdjustedGrouping | null): NotificationRecord[] {
  const owed: NotificationRecord[] = []
  const make = (kind: NotificationKind, childIds: readonly string[]): NotificationRecord => ({ id: `${kind}:${childIds.join('+')}`, kind, childIds, submission: null, withdrawal: null })
  const abuse = record.abuse.abuseOrNeglect
  if (abuse === 'known' || abuse === 'suspected') {
    const groups = grouping?.groups ?? proposeNotifications(record.children, record.incident)
    for (const g of groups) owed.push(make('serious_incident', g.childIds))
  }
  for (const child of record.children) {
    if (dead(child.outcome) && child.lookedAfter) owed.push(make('looked_after_child_death', [child.id]))
    else if (dead(child.outcome) && child.careLeaver) owed.push(make('care_leaver_death', [child.id]))
  }
  return owed
}

/** The facts clocksFor needs, from the case's progress. */
export function clockFacts(progress: CaseProgress, awareDate: string | null, closed: boolean): CaseClockFacts {
  const rr = progress.rapidReview
  const pr = progress.practiceReview
  return {
    closed,
    awareDate,
    notifications: progress.notifications.map((n) => ({ id: n.id, kind: n.kind, sentOn: n.submission?.sentOn ?? null, withdrawn: n.withdrawal !== null })),
    partnersInformedOn: progress.partnersInformedOn,
    rapidReview: rr ? { startedOn: rr.startedOn, sentOn: rr.sentOn, stoodDown: rr.stoodDown !== null } : null,
    practiceReview: pr ? { decidedOn: pr.decidedOn, plannedPublicationOn: pr.plannedPublicationOn, finalReportSentOn: pr.finalReportSentOn, publishedOn: pr.publishedOn } : null,
    extensions: progress.extensions,
  }
}
