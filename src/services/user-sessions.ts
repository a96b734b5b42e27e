// "Your sessions" (ASVS 7.5.2, and 7.4.3 after a change of password or authenticator app): a
// signed-in user sees where they are signed in and ends any of their other sessions, one or all.
// Only ever their own: every query names their user id, so another user's session is not found.
import { sha256Hex } from '../data/audit-hash.js'
import { sessionsRepository, type SessionSummaryRow } from '../data/repositories/sessions.js'
import { inTransaction, refuse, type Actor, type Refusal, type ServiceDeps, type UnitOfWork } from './context.js'

export interface SessionSummary {
  /** Names the session on the page and in its form; not the row's key (see handleOf). */
  readonly handle: string
  readonly signedInAt: string
  readonly lastActiveAt: string
  /** "Firefox on Windows", or null when the browser was not recognised. */
  readonly browser: string | null
  /** The session this request belongs to. */
  readonly current: boolean
}

/**
 * A row is keyed by the SHA-256 of the cookie's session id. That key cannot be turned back into a
 * cookie, but pages still get something derived from it, so the table's keys never leave the server.
 */
const handleOf = (rowId: string) => sha256Hex(`session-handle:${rowId}`).slice(0, 32)

async function endOne(work: UnitOfWork, actor: Actor, userId: string, row: SessionSummaryRow, why: string): Promise<boolean> {
  if (!(await sessionsRepository(work.trx).deleteOfUser(userId, row.id))) return false
  await work.audit(actor, { action: 'session.ended', outcome: `done: ${why}; it signed in at ${row.created_at}`, recordType: 'user', recordId: userId })
  return true
}

/**
 * Ends every unexpired session of the user but `keepRowId` (null: all of them), inside the
 * caller's transaction, one audit entry per session ended. Answers how many it ended. A request
 * of an ended session that is under way cannot bring it back (session-store.ts).
 */
export async function endSessionsOf(work: UnitOfWork, actor: Actor, userId: string, keepRowId: string | null, why: string): Promise<number> {
  let ended = 0
  for (const row of await sessionsRepository(work.trx).listForUser(userId, work.now.toISOString())) {
    if (row.id !== keepRowId && (await endOne(work, actor, userId, row, why))) ended++
  }
  return ended
}

const BY_THE_USER = 'ended by the user from another session'

export function userSessionService(deps: ServiceDeps) {
  /** The user's own sessions, this one first. */
  async function list(actor: Actor, currentSessionId: string): Promise<SessionSummary[] | null> {
    if (actor.kind !== 'user') return null
    const current = sha256Hex(currentSessionId)
    const rows = await sessionsRepository(deps.database.db).listForUser(actor.userId, deps.now().toISOString())
    return rows
      .map((row) => ({ handle: handleOf(row.id), signedInAt: row.created_at, lastActiveAt: row.last_seen_at, browser: row.browser, current: row.id === current }))
      .sort((a, b) => Number(b.current) - Number(a.current))
  }

  return {
    list,

    /** Ends one of the user's other sessions. This one is ended by signing out instead. */
    async end(actor: Actor, currentSessionId: string, handle: string): Promise<{ ok: true } | Refusal<'forbidden' | 'not-found' | 'current'>> {
      if (actor.kind !== 'user') return refuse('forbidden')
      const current = sha256Hex(currentSessionId)
      return inTransaction(deps, async (work) => {
        const sessions = sessionsRepository(work.trx)
        const row = (await sessions.listForUser(actor.userId, work.now.toISOString())).find((r) => handleOf(r.id) === handle)
        if (!row) return refuse('not-found')
        if (row.id === current) return refuse('current')
        return (await endOne(work, actor, actor.userId, row, BY_THE_USER)) ? { ok: true as const } : refuse('not-found')
      })
    },

    /** "Sign out of all other sessions": answers how many were ended. */
    async endOthers(actor: Actor, currentSessionId: string): Promise<{ ok: true; ended: number } | Refusal<'forbidden'>> {
      if (actor.kind !== 'user') return refuse('forbidden')
      const ended = await inTransaction(deps, (work) => endSessionsOf(work, actor, actor.userId, sha256Hex(currentSessionId), BY_THE_USER))
      return { ok: true, ended }
    },
  }
}
