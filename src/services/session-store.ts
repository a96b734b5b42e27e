// The session store @fastify/session is given: sessions live in the database so several server
// processes share them. The idle and absolute limits are enforced here, on the server, whatever
// the cookie says (ASVS 7.3.1, 7.3.2). Rows are keyed by the SHA-256 of the session id.
import { sha256Hex } from '../data/audit-hash.js'
import { sessionsRepository } from '../data/repositories/sessions.js'
import type { ServiceDeps } from './context.js'

/** The session limits, in one place for the store, the cookie and the timeout warning. */
export const SESSION_LIMITS = {
  /** Signed out after this long without a request. */
  idleMs: 30 * 60_000,
  /** Signed out this long after signing in, however active. */
  absoluteMs: 12 * 60 * 60_000,
  /** The GOV.UK timeout warning appears this long before the idle limit. */
  warningMs: 2 * 60_000,
} as const

/** How often, at most, the store clears out expired rows as a side effect of saving. */
const PRUNE_EVERY_MS = 60_000
/**
 * A request that changes nothing but the time last seen is written at most this often: every
 * page would otherwise be a durable write. The idle limit can then end a session up to this much
 * early (never late), since the stored time last seen may be this old.
 */
export const TOUCH_EVERY_MS = 15_000

/** The session's contents apart from the time last seen and the cookie (whose expiry rolls with it), to tell a mere touch from a change. */
function withoutLastSeen(data: string): string {
  const parsed = JSON.parse(data) as { lastSeenAt?: unknown; cookie?: unknown }
  delete parsed.lastSeenAt
  delete parsed.cookie
  return JSON.stringify(parsed)
}

type Callback = (error?: unknown) => void

/**
 * What the store keeps: whatever the session holds, as JSON. It reads `userId` (a string, set
 * by the web layer at sign-in) to know whose session it is, so disabling a user ends it.
 */
function userIdOf(session: object): string | null {
  return 'userId' in session && typeof session.userId === 'string' ? session.userId : null
}

/** The short description of the browser the web layer puts in the session at sign-in, for "Your sessions". */
function browserOf(session: object): string | null {
  return 'browser' in session && typeof session.browser === 'string' ? session.browser.slice(0, 100) : null
}

/**
 * Written into every stored session, so it comes back in the session object of each later
 * request. A session carrying it whose row is gone was ended (signed out elsewhere, disabled,
 * reset) while one of its requests was under way: that request's save must not bring it back.
 */
const IN_STORE = 'inStore'
const wasStored = (session: object) => IN_STORE in session && (session as Record<string, unknown>)[IN_STORE] === true

export function sessionStore(deps: ServiceDeps) {
  const sessions = sessionsRepository(deps.database.db)
  let lastPruned = 0

  async function load(sessionId: string): Promise<unknown> {
    const row = await sessions.find(sha256Hex(sessionId))
    if (!row) return null
    const now = deps.now().toISOString()
    if (row.expires_at <= now) {
      await sessions.delete(row.id)
      return null
    }
    return JSON.parse(row.data) as unknown
  }

  async function save(sessionId: string, session: object): Promise<void> {
    const id = sha256Hex(sessionId)
    const now = deps.now()
    const existing = await sessions.find(id)
    if (!existing && wasStored(session)) return
    const data = JSON.stringify({ ...session, [IN_STORE]: true })
    if (existing && now.getTime() - Date.parse(existing.last_seen_at) < TOUCH_EVERY_MS && withoutLastSeen(existing.data) === withoutLastSeen(data)) return
    const createdAt = existing?.created_at ?? now.toISOString()
    const expires = Math.min(now.getTime() + SESSION_LIMITS.idleMs, new Date(createdAt).getTime() + SESSION_LIMITS.absoluteMs)
    await sessions.save({
      id,
      user_id: userIdOf(session),
      data,
      created_at: createdAt,
      last_seen_at: now.toISOString(),
      expires_at: new Date(expires).toISOString(),
      browser: browserOf(session),
    })
    if (now.getTime() - lastPruned >= PRUNE_EVERY_MS) {
      lastPruned = now.getTime()
      await sessions.deleteExpired(now.toISOString())
    }
  }

  return {
    /** Answers null for an unknown, idle or too old session (which is then deleted). */
    get<T>(sessionId: string, callback: (error: unknown, session?: T | null) => void): void {
      load(sessionId).then((session) => callback(null, session as T | null), (error: unknown) => callback(error))
    },
    set(sessionId: string, session: object, callback: Callback): void {
      save(sessionId, session).then(() => callback(), (error: unknown) => callback(error))
    },
    destroy(sessionId: string, callback: Callback): void {
      sessions.delete(sha256Hex(sessionId)).then(() => callback(), (error: unknown) => callback(error))
    },
    /** Ends every session the user has (their next request finds none). */
    destroyAllForUser: (userId: string): Promise<number> => sessions.deleteAllForUser(userId),
    /** Deletes expired rows; returns how many. */
    prune: (): Promise<number> => sessions.deleteExpired(deps.now().toISOString()),
  }
}

export type SessionStore = ReturnType<typeof sessionStore>
