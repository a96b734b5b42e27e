// The session store and "Your sessions" below the pages: what is stored about the browser, and
// that a session ended while one of its requests is under way stays ended.
import assert from 'node:assert/strict'
import { promisify } from 'node:util'
import { Permissions } from '../../src/domain/permissions/index.js'
import type { Actor, Services } from '../../src/services/index.js'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'

const cookie = { originalMaxAge: null }

function store(services: Services) {
  const s = services.sessionStore
  return {
    get: promisify((sid: string, cb: (e: unknown, v?: unknown) => void) => s.get(sid, cb)),
    set: promisify((sid: string, session: object, cb: (e?: unknown) => void) => s.set(sid, session, cb)),
  }
}

forEachDatabase('a session ended while one of its requests is under way is not brought back when that request saves it', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const user = await services.users.findByEmail('practitioner@demo.example')
  assert.ok(user)
  const actor: Actor = { kind: 'user', userId: user.id, email: user.email, permissions: Permissions.none() }
  const sessions = store(services)
  await sessions.set('the-session-asking', { userId: user.id, cookie, browser: 'Firefox on Windows' })
  await sessions.set('a-session-elsewhere', { userId: user.id, cookie, browser: 'Safari on iPhone' })
  const listed = await services.userSessions.list(actor, 'the-session-asking')
  assert.deepEqual(listed?.map((s) => [s.browser, s.current]), [['Firefox on Windows', true], ['Safari on iPhone', false]])
  const stored = await database.db.selectFrom('sessions').select(['browser', 'data']).orderBy('browser').execute()
  assert.deepEqual(stored.map((r) => r.browser), ['Firefox on Windows', 'Safari on iPhone'], 'only the short description is kept')

  // A request of the other session has loaded it; the user ends it; that request then saves.
  const inFlight = (await sessions.get('a-session-elsewhere')) as object
  assert.deepEqual(await services.userSessions.endOthers(actor, 'the-session-asking'), { ok: true, ended: 1 })
  await sessions.set('a-session-elsewhere', { ...inFlight, lastSeenAt: '2026-11-24T09:01:00.000Z' })
  assert.equal(await sessions.get('a-session-elsewhere'), null, 'still ended')
  assert.notEqual(await sessions.get('the-session-asking'), null)
  // A session never stored before (a new sign-in) is stored as ever.
  await sessions.set('a-new-sign-in', { userId: user.id, cookie })
  assert.notEqual(await sessions.get('a-new-sign-in'), null)
})
