// What every step after the decision shares: load the case the actor may see, check the version,
// take the lifecycle step (table, compare-and-set, event, audit: incident-access.ts), and save the
// case's progress in the same transaction. Progress is created on the first step, with the
// notifications the decision owes.
import { caseProgressRepository } from '../data/repositories/case-progress.js'
import { incidentsRepository, type StoredIncident } from '../data/repositories/incidents.js'
import { notificationsOwed, type CaseProgress } from '../domain/after-decision/index.js'
import type { LifecycleAction, Status } from '../domain/lifecycle/index.js'
import type { Action } from '../domain/permissions/index.js'
import { inTransaction, refuse, type Actor, type UnitOfWork } from './context.js'
import {
  actorLabel, actorUserId, invalidErrors, isRefusal, loadIncident, stepRefused, takeStep, type ChangeRefusal, type IncidentDeps, type LoadRefusal,
} from './incident-access.js'

export type Errors = Record<string, string>
/** One field's error, typed as Errors so alternatives with different fields combine. */
export const fail = (field: string, message: string): Errors => ({ [field]: message })
export type CaseStepResult = Promise<{ ok: true; version: number } | ChangeRefusal>

export interface CaseStep {
  readonly action: LifecycleAction
  readonly permission: Action
  readonly comment?: string | null
  readonly detail?: string
}

/**
 * A step whose lifecycle action depends on the case (recording the serious incident notification
 * starts the rapid review): its permission is known before the case is loaded, and checked then,
 * so an actor who may take the step need not also be allowed to view the case (a write-only token).
 */
export interface ChosenStep {
  readonly permission: Action
  choose(stored: StoredIncident): Omit<CaseStep, 'permission'>
}

/** The case's progress, or a new one owing what the latest grouping and record call for. */
export async function progressOf(work: UnitOfWork, stored: StoredIncident): Promise<CaseProgress> {
  const found = await caseProgressRepository(work.trx).find(stored.id)
  if (found) return found
  return { incidentId: stored.id, authorityId: stored.authorityId, notifications: notificationsOwed(stored.record, stored.grouping), partnersInformedOn: null, rapidReview: null, practiceReview: null, extensions: [] }
}

/** Loads a case for reading after the decision; the read is audited as a view. */
export async function readCase(work: UnitOfWork, actor: Actor, incidentId: string, what: string): Promise<{ stored: StoredIncident; progress: CaseProgress } | LoadRefusal> {
  const read = await loadCaseUnviewed(work, actor, incidentId)
  if ('ok' in read) return read
  await auditView(work, actor, read.stored, what)
  return read
}

/** Loads a case for a read that may still be refused (nothing shown, so no view to record): call auditView once it is not. */
export async function loadCaseUnviewed(work: UnitOfWork, actor: Actor, incidentId: string): Promise<{ stored: StoredIncident; progress: CaseProgress } | LoadRefusal> {
  const stored = await loadIncident(work, actor, incidentId, 'case:view')
  if (isRefusal(stored)) return stored
  if (actor.kind === 'user' && actor.permissions.role === 'partner' && stored.status === 'draft') return refuse('not-found')
  return { stored, progress: await progressOf(work, stored) }
}

export function auditView(work: UnitOfWork, actor: Actor, stored: StoredIncident, what: string): Promise<void> {
  return work.audit(actor, { action: 'record.viewed', outcome: `done: ${what}`, authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
}

/**
 * Takes a step: `apply` checks the input against the case and answers field errors or the new
 * progress (and anything else it writes through `work`). The version is checked before `apply`.
 */
export function caseStep(
  deps: IncidentDeps,
  actor: Actor,
  incidentId: string,
  version: number,
  step: CaseStep | ChosenStep,
  apply: (work: UnitOfWork, stored: StoredIncident, progress: CaseProgress) => Promise<Errors | CaseProgress>,
): CaseStepResult {
  return inTransaction(deps, async (work) => {
    const stored = await loadIncident(work, actor, incidentId, step.permission)
    if (isRefusal(stored)) return stored
    if (stored.version !== version) return refuse('stale')
    const chosen: CaseStep = 'choose' in step ? { ...step.choose(stored), permission: step.permission } : step
    // The table first, so nothing `apply` writes survives a step that is not allowed now.
    const previous = chosen.action === 'reopen' ? await statusBeforeClosing(work, stored.id) : null
    const refused = await stepRefused(work, actor, stored, chosen.action, previous)
    if (refused) return refused
    const progress = await progressOf(work, stored)
    const applied = await apply(work, stored, progress)
    if (!isProgress(applied)) return invalidErrors(applied)
    const taken = await takeStep(work, actor, stored, { action: chosen.action, version, comment: chosen.comment ?? null, detail: chosen.detail, previous })
    if (!taken.ok) return taken
    await caseProgressRepository(work.trx).save(applied, work.now.toISOString())
    return taken
  })
}

const isProgress = (value: Errors | CaseProgress): value is CaseProgress => typeof value.incidentId === 'string' && 'notifications' in value

/** Where a closed case was before it was closed: the last close event's from status. */
async function statusBeforeClosing(work: UnitOfWork, incidentId: string): Promise<Status | null> {
  const events = await incidentsRepository(work.trx).events(incidentId)
  return (events.filter((e) => e.action === 'close').at(-1)?.from_status as Status | undefined) ?? null
}

/** Adds a line to the case's history without a status change (e.g. a calendar change moved a clock). */
export async function noteOnCase(work: UnitOfWork, actor: Actor, stored: { id: string; status: Status }, action: string, comment: string): Promise<void> {
  await incidentsRepository(work.trx).addEvent({ incident_id: stored.id, action, from_status: stored.status, to_status: stored.status, comment, actor_user_id: actorUserId(actor), actor: actorLabel(actor), at: work.now.toISOString() })
}

/** The day a field names, checked: YYYY-MM-DD. */
export const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
