// The incident's lifecycle as data: status x role x action -> the new status, and whether a
// comment is needed. Modelled on hmpps-incident-reporting's statusTransitions
// ({ [role]?: { [status]?: { [action]?: Transition } } }). Anything not in the table is refused,
// so a step cannot be skipped. The services enforce it and audit every transition.
//
// The procedure behind it: whoever records an incident (or a partner who raises one) contacts the
// decision owner for a discussion (Working Together 2023 ch 5); the authority should consult the
// police and health partners before deciding (domain R12); the decision stays with the authority
// (Children Act 2004 s16C(1)); when facts change, the decision owner revisits it.
import type { Role } from '../permissions/index.js'
import { AFTER_DECISION } from './after-decision.js'

export const STATUSES = ['draft', 'awaiting_discussion', 'partners_consulted', 'decided_notify', 'decided_do_not_notify', 'decided_refer_to_other_authority',
  // After a decision to notify (issue 5; see after-decision.ts and docs/after-the-decision.md).
  'notification_sent', 'rapid_review', 'rapid_review_sent', 'practice_review', 'no_further_review', 'withdrawn', 'closed'] as const
export type Status = (typeof STATUSES)[number]

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  draft: 'Draft',
  awaiting_discussion: 'Needs a discussion',
  partners_consulted: 'Partners consulted',
  decided_notify: 'Decided: notify',
  decided_do_not_notify: 'Decided: do not notify',
  decided_refer_to_other_authority: 'Decided: refer to another authority',
  notification_sent: 'Notified',
  rapid_review: 'Rapid review under way',
  rapid_review_sent: 'Rapid review sent to the Panel',
  practice_review: 'Practice review under way',
  no_further_review: 'No further review',
  withdrawn: 'Notification withdrawn',
  closed: 'Closed',
}

export const LIFECYCLE_ACTIONS = [
  'update_record',
  'submit',
  'request_views',
  'record_view',
  'record_working_view',
  'adjust_notifications',
  'record_liaison',
  'decide_notify',
  'decide_do_not_notify',
  'decide_refer',
  'revisit',
  'record_notification',
  'record_serious_incident_notification',
  'record_partners_informed',
  'withdraw_notification',
  'update_rapid_review',
  'contribute_rapid_review',
  'send_rapid_review',
  'record_panel_response',
  'commission_practice_review',
  'no_further_review',
  'update_practice_review',
  'manage_actions',
  'extend_clock',
  'close',
  'reopen',
] as const
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number]

export type CommentRule = 'never' | 'optional' | 'required'

export interface Transition {
  readonly to: Status
  /** The button's words. */
  readonly label: string
  readonly comment: CommentRule
  readonly commentLabel?: string
  /** Reopening: the status becomes the one the case was in before it was closed. */
  readonly returnsToPrevious?: boolean
}

export type TransitionTable = { readonly [role in Role]?: { readonly [status in Status]?: { readonly [action in LifecycleAction]?: Transition } } }

const stay = (status: Status, label: string): Transition => ({ to: status, label, comment: 'never' })

/** Recorders change the facts until a decision is made; after it, only a revisit reopens them. */
function recording(): { readonly [status in Status]?: { readonly [action in LifecycleAction]?: Transition } } {
  return {
    draft: {
      update_record: stay('draft', 'Save and continue'),
      submit: { to: 'awaiting_discussion', label: 'Send to the decision owner for a discussion', comment: 'optional', commentLabel: 'Anything the decision owner should know (optional)' },
    },
    awaiting_discussion: { update_record: stay('awaiting_discussion', 'Save and continue'), adjust_notifications: stay('awaiting_discussion', 'Change the notifications') },
    partners_consulted: { update_record: stay('partners_consulted', 'Save and continue'), adjust_notifications: stay('partners_consulted', 'Change the notifications') },
  }
}

const decide = (to: Status, label: string): Transition => ({ to, label, comment: 'required', commentLabel: 'Reasons for your decision' })
const workingView: Transition = { to: 'awaiting_discussion', label: 'Record your working view', comment: 'required', commentLabel: 'Your reasons' }
const deciding = { decide_notify: decide('decided_notify', 'Notify'), decide_do_not_notify: decide('decided_do_not_notify', 'Do not notify'), decide_refer: decide('decided_refer_to_other_authority', 'Refer to the authority where it happened') }
const requestViews: Transition = { to: 'partners_consulted', label: 'Ask the police and health partners for their views', comment: 'optional', commentLabel: 'What you would like the partners to consider (optional)' }
const revisit: Transition = { to: 'awaiting_discussion', label: 'Revisit the decision', comment: 'required', commentLabel: 'What has changed' }
const liaison = (status: Status): Transition => stay(status, 'Record liaison with the other authority')

const BEFORE_DECISION: TransitionTable = {
  practitioner: recording(),
  'business-unit': {
    ...recording(),
    awaiting_discussion: { ...recording().awaiting_discussion, request_views: requestViews },
    partners_consulted: { ...recording().partners_consulted, request_views: requestViews },
  },
  'decision-owner': {
    draft: recording().draft,
    awaiting_discussion: { ...recording().awaiting_discussion, request_views: requestViews, record_working_view: workingView, ...deciding },
    partners_consulted: { ...recording().partners_consulted, request_views: requestViews, record_working_view: { ...workingView, to: 'partners_consulted' }, ...deciding },
    decided_notify: { revisit },
    decided_do_not_notify: { revisit },
    decided_refer_to_other_authority: { revisit, record_liaison: liaison('decided_refer_to_other_authority') },
  },
  partner: {
    awaiting_discussion: { record_view: { to: 'partners_consulted', label: 'Record your view', comment: 'required', commentLabel: 'Your reasons' } },
    partners_consulted: { record_view: { to: 'partners_consulted', label: 'Record your view', comment: 'required', commentLabel: 'Your reasons' } },
  },
}

/** The table: the steps up to the decision, then the steps after a decision to notify. */
export const TRANSITIONS: TransitionTable = Object.fromEntries(
  [...new Set([...Object.keys(BEFORE_DECISION), ...Object.keys(AFTER_DECISION)])].map((role) => [
    role,
    { ...BEFORE_DECISION[role as Role], ...Object.fromEntries(Object.entries(AFTER_DECISION[role as Role] ?? {}).map(([status, actions]) => [status, { ...BEFORE_DECISION[role as Role]?.[status as Status], ...actions }])) },
  ]),
)

export type TransitionRefusal =
  | { readonly ok: false; readonly reason: 'not-allowed'; readonly message: string }
  | { readonly ok: false; readonly reason: 'comment-required'; readonly message: string }

export type TransitionResult = { readonly ok: true; readonly from: Status; readonly to: Status; readonly comment: string | null } | TransitionRefusal

export function transitionFor(status: Status, role: Role | null, action: LifecycleAction): Transition | undefined {
  return role === null ? undefined : TRANSITIONS[role]?.[status]?.[action]
}

export function canTransition(status: Status, role: Role | null, action: LifecycleAction): boolean {
  return transitionFor(status, role, action) !== undefined
}

/** The actions this role may take now: the buttons a page shows. */
export function availableActions(status: Status, role: Role | null): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((action) => canTransition(status, role, action))
}

/**
 * Applies the table: the new status, or why not. A comment is trimmed; blank means none.
 * `previous` is the status before the case was closed, for a reopening.
 */
export function transition(status: Status, role: Role | null, action: LifecycleAction, comment?: string | null, previous?: Status | null): TransitionResult {
  const rule = transitionFor(status, role, action)
  if (!rule) return { ok: false, reason: 'not-allowed', message: `This cannot be done while the incident is ${STATUS_LABELS[status].toLowerCase()}` }
  const text = comment?.trim() ? comment.trim() : null
  if (rule.comment === 'required' && text === null) return { ok: false, reason: 'comment-required', message: `Enter ${(rule.commentLabel ?? 'a comment').toLowerCase()}` }
  const to = rule.returnsToPrevious ? previous : rule.to
  if (!to) return { ok: false, reason: 'not-allowed', message: 'The status before the case was closed is not known' }
  return { ok: true, from: status, to, comment: rule.comment === 'never' ? null : text }
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value)
}

export const DECIDED: readonly Status[] = ['decided_notify', 'decided_do_not_notify', 'decided_refer_to_other_authority']
/** On the decision owner's list as needing a discussion. */
export const NEEDS_DECISION_OWNER: readonly Status[] = ['awaiting_discussion', 'partners_consulted']
