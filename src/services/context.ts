// What every service shares: who is acting, the clock, the transaction with its audit entry.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sha256Hex } from '../data/audit-hash.js'
import type { Database } from '../data/db.js'
import { auditRepository, type AuditFields } from '../data/repositories/audit.js'
import type { Schema } from '../data/schema.js'
import type { Action, Permissions } from '../domain/permissions/index.js'
import { recordView } from './view-entries.js'

/** The service's clock. Tests pass a fixed or stepping clock; nothing else calls new Date(). */
export type Clock = () => Date

/** A clock for tests: starts at `start` and moves only when told. */
export function testClock(start: string | Date = '2026-11-24T09:00:00.000Z') {
  let current = new Date(start)
  const clock: Clock & { advance(ms: number): void; set(to: string | Date): void } = Object.assign(() => new Date(current), {
    advance(ms: number) {
      current = new Date(current.getTime() + ms)
    },
    set(to: string | Date) {
      current = new Date(to)
    },
  })
  return clock
}

/**
 * Who is acting. A signed-in user carries the Permissions built for this request; `system` is
 * the operator at the command line (who already holds the database) and the demo loader.
 */
export type Actor =
  | {
      readonly kind: 'user'
      readonly userId: string
      readonly email: string
      readonly permissions: Permissions
      readonly requestId?: string | null
      readonly ip?: string | null
    }
  | { readonly kind: 'system'; readonly name: string; readonly requestId?: string | null }

export function systemActor(name = 'system'): Actor {
  return { kind: 'system', name }
}

/** Defence in depth: the web layer checks first; services check again before writing. */
export function actorMay(actor: Actor, authorityId: string, action: Action): boolean {
  return actor.kind === 'system' || actor.permissions.canIn(authorityId, action)
}

/** An entry for the trail: everything but the chain fields, which the append fills in. */
export interface AuditEvent {
  readonly action: string
  readonly outcome: string
  readonly authorityId?: string | null
  readonly recordType?: string | null
  readonly recordId?: string | null
  /** Required by DPA 2018 s62 for disclosures and exports: why, and to whom. */
  readonly justification?: string | null
}

export function auditFields(actor: Actor, event: AuditEvent, at: Date): AuditFields {
  return {
    id: randomUUID(),
    at: at.toISOString(),
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actor: actor.kind === 'user' ? actor.email : actor.name,
    authorityId: event.authorityId ?? null,
    action: event.action,
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    outcome: event.outcome,
    justification: event.justification ?? null,
    requestId: actor.requestId ?? null,
    ip: actor.kind === 'user' ? (actor.ip ?? null) : null,
  }
}

export interface ServiceDeps {
  readonly database: Database
  readonly now: Clock
}

/** What a refused action was about: the authority, and the record if there is one. */
export type RefusalSubject = Omit<AuditEvent, 'action' | 'outcome'> & { readonly authorityId: string }

/** A transaction handed to a service's body, with the audit append bound to it. */
export interface UnitOfWork {
  readonly trx: Kysely<Schema>
  readonly now: Date
  /** Appends to the trail inside this transaction: both commit, or neither does. */
  audit(actor: Actor, event: AuditEvent): Promise<void>
  /** May the actor do this in the event's authority? If not, the refusal is audited (ASVS 16.3.2). */
  permit(actor: Actor, action: Action, about: RefusalSubject): Promise<boolean>
}

/**
 * One page often reads a record through several services, each of which audits the read; the
 * trail needs it once per request (and each entry is a durable write). Reads already recorded
 * are remembered by request id, record and action, per database, for the most recent requests only.
 */
const viewsRecordedIn = new WeakMap<Database, Set<string>>()
const VIEWS_REMEMBERED = 10_000

function firstViewInRequest(database: Database, actor: Actor, event: AuditEvent): boolean {
  if (event.action !== 'record.viewed' || !actor.requestId) return true
  const viewsRecorded = viewsRecordedIn.get(database) ?? new Set<string>()
  viewsRecordedIn.set(database, viewsRecorded)
  const key = `${actor.requestId}|${event.recordType ?? ''}|${event.recordId ?? ''}`
  if (viewsRecorded.has(key)) return false
  viewsRecorded.add(key)
  if (viewsRecorded.size > VIEWS_REMEMBERED) viewsRecorded.delete(viewsRecorded.values().next().value as string)
  return true
}

/**
 * Thrown inside a transaction to undo everything it wrote and answer `answer` instead: a step
 * found stale only at its last write (another user's change committed meanwhile) must leave
 * nothing it wrote before. `answer` must be one of the body's own answers.
 */
export class RollBack<R> extends Error {
  constructor(readonly answer: R) {
    super('rolled back')
  }
}

/** Entries for reading something, never written with a change: they can wait for a batch. */
const VIEWS: ReadonlySet<string> = new Set(['record.viewed', 'report.viewed', 'audit.viewed'])

/**
 * Runs `body` in one transaction with one reading of the clock. A view's entry is committed with
 * others in a batch just after (src/services/view-entries.ts), and this answers only once it is.
 */
export async function inTransaction<T>(deps: ServiceDeps, body: (work: UnitOfWork) => Promise<T>): Promise<T> {
  const views: AuditFields[] = []
  let result: T
  try {
    result = await inOneTransaction(deps, views, body)
  } catch (error) {
    // The body's own answer, by RollBack's contract.
    if (error instanceof RollBack) return error.answer as T
    throw error
  }
  await Promise.all(views.map((fields) => recordView(deps.database, fields)))
  return result
}

function inOneTransaction<T>(deps: ServiceDeps, views: AuditFields[], body: (work: UnitOfWork) => Promise<T>): Promise<T> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now()
    const trail = auditRepository(trx, sha256Hex)
    const audit = async (actor: Actor, event: AuditEvent) => {
      if (!firstViewInRequest(deps.database, actor, event)) return
      if (VIEWS.has(event.action)) views.push(auditFields(actor, event, now))
      else await trail.append(auditFields(actor, event, now))
    }
    const permit = async (actor: Actor, action: Action, about: RefusalSubject) => {
      if (actorMay(actor, about.authorityId, action)) return true
      await audit(actor, { ...about, action: 'access.refused', outcome: `refused: ${action}` })
      return false
    }
    return body({ trx, now, audit, permit })
  })
}

export type Refusal<R extends string> = { readonly ok: false; readonly reason: R }
export function refuse<R extends string>(reason: R): Refusal<R> {
  return { ok: false, reason }
}
