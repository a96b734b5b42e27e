// What every incident use case shares: find the incident the actor may see (another authority's
// answers 'not-found' exactly like a missing one), check the permission and the lifecycle, save
// with the version the user saw, and write the history and the audit entry in the same transaction.
import type { BankHolidayCalendar } from '../domain/calendar/index.js'
import { CalendarDay } from '../domain/calendar/index.js'
import { transition, type LifecycleAction, type Status } from '../domain/lifecycle/index.js'
import type { Action } from '../domain/permissions/index.js'
import { incidentsRepository, type IncidentChange, type StoredIncident } from '../data/repositories/incidents.js'
import { refuse, RollBack, type Actor, type Refusal, type ServiceDeps, type UnitOfWork } from './context.js'

export interface IncidentDeps extends ServiceDeps {
  readonly calendar: BankHolidayCalendar
}

export type InvalidErrors = { readonly ok: false; readonly reason: 'invalid'; readonly errors: Readonly<Record<string, string>> }
export type NotAllowed = { readonly ok: false; readonly reason: 'not-allowed'; readonly message: string }
export type LoadRefusal = Refusal<'not-found' | 'forbidden'>
export type ChangeRefusal = LoadRefusal | Refusal<'stale'> | NotAllowed | InvalidErrors

export function invalidErrors(errors: Readonly<Record<string, string>>): InvalidErrors {
  return { ok: false, reason: 'invalid', errors }
}

export const hasErrors = (errors: Readonly<Record<string, string>>): boolean => Object.keys(errors).length > 0

// Made once: building a formatter costs far more than using one, and the worklist asks per case.
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The legal day in England for an instant: dates follow Europe/London, not UTC. */
export function londonDay(now: Date): CalendarDay {
  return CalendarDay.parse(LONDON_DATE.format(now))
}

/** Which permission each lifecycle action needs, before the lifecycle table is asked. */
export const ACTION_PERMISSION: Readonly<Record<LifecycleAction, Action>> = {
  update_record: 'incident:record',
  submit: 'incident:record',
  adjust_notifications: 'incident:record',
  request_views: 'case:view',
  record_view: 'partner-view:record',
  record_working_view: 'decision:record',
  record_liaison: 'decision:record',
  decide_notify: 'decision:record',
  decide_do_not_notify: 'decision:record',
  decide_refer: 'decision:record',
  revisit: 'decision:record',
  // After the decision (issue 5): the table narrows these to the roles that take each step.
  record_notification: 'notification:submit',
  record_serious_incident_notification: 'notification:submit',
  record_partners_informed: 'notification:submit',
  withdraw_notification: 'notification:submit',
  update_rapid_review: 'review:manage',
  contribute_rapid_review: 'case:view',
  send_rapid_review: 'review:manage',
  record_panel_response: 'review:manage',
  commission_practice_review: 'review:manage',
  no_further_review: 'review:manage',
  update_practice_review: 'review:manage',
  manage_actions: 'action:manage',
  extend_clock: 'review:manage',
  close: 'case:view',
  reopen: 'case:view',
}

export const actorLabel = (actor: Actor): string => (actor.kind === 'user' ? actor.email : actor.name)
export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null)
const roleOf = (actor: Actor) => (actor.kind === 'user' ? actor.permissions.role : null)

/** Loads the incident for this actor and checks the permission; refusals are audited. */
export async function loadIncident(work: UnitOfWork, actor: Actor, incidentId: string, permission: Action): Promise<StoredIncident | LoadRefusal> {
  const incidents = incidentsRepository(work.trx)
  const authorityId = actor.kind === 'user' ? actor.permissions.currentAuthority?.id : undefined
  const stored = actor.kind === 'system' ? await incidents.findAnywhere(incidentId) : authorityId ? await incidents.find(authorityId, incidentId) : undefined
  if (!stored) {
    await work.audit(actor, { action: 'access.refused', outcome: 'refused: not-found', authorityId: authorityId ?? null, recordType: 'incident', recordId: incidentId })
    return refuse('not-found')
  }
  if (!(await work.permit(actor, permission, { authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id }))) return refuse('forbidden')
  return stored
}

export function isRefusal<T extends object>(value: T | LoadRefusal): value is LoadRefusal {
  return 'ok' in value && value.ok === false
}

export interface Step {
  readonly action: LifecycleAction
  readonly version: number
  readonly comment?: string | null
  /** Anything else the step writes on the incident row (a section, the grouping). */
  readonly change?: IncidentChange
  /** Said in the audit outcome (never contents): e.g. which section was saved. */
  readonly detail?: string
  /** For a reopening: the status the case was closed from. */
  readonly previous?: Status | null
}

/**
 * The lifecycle table's answer for a step now, a refusal audited as takeStep audits it. Steps that
 * write something of their own (a child, a review entry) ask first, so nothing they write
 * survives a step that is not allowed.
 */
export async function stepRefused(work: UnitOfWork, actor: Actor, stored: StoredIncident, action: LifecycleAction, previous: Status | null = null): Promise<ChangeRefusal | null> {
  const allowed = transition(stored.status, roleOf(actor), action, 'checked later', previous)
  if (allowed.ok) return null
  await work.audit(actor, { action: 'access.refused', outcome: `refused: ${action} while ${stored.status}`, authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
  return { ok: false, reason: 'not-allowed', message: allowed.message }
}

/**
 * Takes a lifecycle step on a loaded incident: the version first (a stale page must not be told
 * "not allowed now" because of a change it has not seen), then the table, then compare-and-set.
 */
export async function takeStep(work: UnitOfWork, actor: Actor, stored: StoredIncident, step: Step): Promise<{ ok: true; version: number } | ChangeRefusal> {
  if (stored.version !== step.version) return refuse('stale')
  const moved = transition(stored.status, roleOf(actor), step.action, step.comment, step.previous)
  if (!moved.ok) {
    if (moved.reason === 'comment-required') return invalidErrors({ comment: moved.message })
    await work.audit(actor, { action: 'access.refused', outcome: `refused: ${step.action} while ${stored.status}`, authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
    return { ok: false, reason: 'not-allowed', message: moved.message }
  }
  const at = work.now.toISOString()
  const incidents = incidentsRepository(work.trx)
  // Stale only now (a change committed since the case was read): undo what the step wrote before.
  if (!(await incidents.update(stored.id, step.version, { ...step.change, status: moved.to }, at))) throw new RollBack(refuse('stale'))
  if (step.action !== 'update_record') {
    await incidents.addEvent({ incident_id: stored.id, action: step.action, from_status: moved.from, to_status: moved.to, comment: moved.comment, actor_user_id: actorUserId(actor), actor: actorLabel(actor), at })
  }
  const outcome = step.detail ? `done: ${step.detail}` : moved.from === moved.to ? 'done' : `done: ${moved.from} -> ${moved.to}`
  await work.audit(actor, { action: `incident.${step.action.replace(/_/g, '-')}`, outcome, authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
  return { ok: true, version: step.version + 1 }
}
