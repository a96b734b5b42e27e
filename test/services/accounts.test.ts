import assert from 'node:assert/strict'
import { promisify } from 'node:util'
import type { SessionStore as FastifySessionStore } from '@fastify/session'
import { Permissions } from '../../src/domain/permissions/index.js'
import { DEMO_PASSWORD, SESSION_LIMITS, systemActor, type Actor, type Services } from '../../src/services/index.js'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'

/** Signs a demo account in and makes the Actor the web layer would. */
async function actorFor(services: Services, email: string, authorityCode?: string): Promise<Actor> {
  const result = await services.signIn({ email, password: DEMO_PASSWORD })
  assert.ok(result.ok)
  const current = result.user.memberships.find((m) => m.authorityCode === authorityCode)?.authorityId
  return { kind: 'user', userId: result.user.id, email, permissions: new Permissions(result.user.memberships, current), requestId: 'req' }
}

const cookie = { originalMaxAge: null }

function store(services: Services) {
  // The type annotation is the test that @fastify/session accepts the store as it is.
  const s: FastifySessionStore = services.sessionStore
  return {
    get: promisify((sid: string, cb: (e: unknown, v?: unknown) => void) => s.get(sid, cb)),
    set: promisify(s.set),
    destroy: promisify(s.destroy),
  }
}

forEachDatabase('an admin adds a user, changes their role, and lists their authority’s users', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const admin = await actorFor(services, 'admin@demo.example')
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const added = await services.users.add(admin, { email: 'New.Starter@Demo.Example', name: 'New Starter (demo)', password: 'copper kettle meadow', role: 'practitioner', authorityId: cov.id })
  assert.ok(added.ok && added.created)
  assert.equal(added.user.email, 'new.starter@demo.example')
  assert.ok((await services.users.changeRole(admin, cov.id, added.user.id, 'business-unit')).ok)
  const listed = await services.users.listForAuthority(admin, cov.id)
  assert.ok(listed.ok)
  assert.equal(listed.users.find((u) => u.id === added.user.id)?.role, 'business-unit')
  assert.deepEqual(await services.users.add(admin, { email: 'new.starter@demo.example', name: 'x', password: '', role: 'admin', authorityId: cov.id }), { ok: false, reason: 'already-member' })
})

forEachDatabase('adding a user: weak passwords, bad emails and non-admins are refused', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const admin = await actorFor(services, 'admin@demo.example')
  const practitioner = await actorFor(services, 'practitioner@demo.example')
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const input = { email: 'someone@demo.example', name: 'Someone (demo)', password: 'copper kettle meadow', role: 'practitioner' as const, authorityId: cov.id }
  const weak = await services.users.add(admin, { ...input, password: 'password1234567' })
  assert.ok(!weak.ok && weak.reason === 'weak-password')
  const badEmail = await services.users.add(admin, { ...input, email: 'not an email' })
  assert.ok(!badEmail.ok && badEmail.reason === 'invalid' && 'email' in badEmail.errors)
  assert.deepEqual(await services.users.add(practitioner, input), { ok: false, reason: 'forbidden' })
  assert.deepEqual((await services.users.listForAuthority(practitioner, cov.id)).ok, false)
  const refusals = await database.db.selectFrom('audit_entries').select(['action', 'actor']).where('action', '=', 'access.refused').execute()
  assert.deepEqual(refusals, [{ action: 'access.refused', actor: 'practitioner@demo.example' }])
})

forEachDatabase('an admin of one authority cannot manage another authority’s users', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const admin = await actorFor(services, 'admin@demo.example')
  const demo = await services.authorities.getByCode('DEMO')
  const borough = await services.users.findByEmail('practitioner.demo-borough@demo.example')
  assert.ok(demo && borough)
  assert.deepEqual(await services.users.disable(admin, demo.id, borough.id), { ok: false, reason: 'forbidden' })
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  assert.deepEqual(await services.users.disable(admin, cov.id, borough.id), { ok: false, reason: 'not-found' }, 'not a member of the admin’s authority')
})

forEachDatabase('disabling a user ends all their sessions at once; enabling lets them sign in again', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const admin = await actorFor(services, 'admin@demo.example')
  const user = await services.users.findByEmail('practitioner@demo.example')
  const cov = await services.authorities.getByCode('COV')
  assert.ok(user && cov)
  const sessions = store(services)
  await sessions.set('first-session-id', { userId: user.id, cookie })
  await sessions.set('second-session-id', { userId: user.id, cookie })
  await sessions.set('admin-session-id', { userId: admin.kind === 'user' ? admin.userId : '', cookie })
  assert.ok((await services.users.disable(admin, cov.id, user.id)).ok)
  assert.equal(await sessions.get('first-session-id'), null)
  assert.equal(await sessions.get('second-session-id'), null)
  assert.notEqual(await sessions.get('admin-session-id'), null, 'other users keep theirs')
  assert.equal(await services.users.signedIn(user.id), null)
  assert.ok((await services.users.enable(admin, cov.id, user.id)).ok)
  assert.ok((await services.signIn({ email: user.email, password: DEMO_PASSWORD })).ok)
})

forEachDatabase('sessions: stored by a hash of their id, ended after 30 idle minutes or 12 hours', async (database) => {
  const { services, clock } = servicesAt(database)
  const sessions = store(services)
  await sessions.set('session-id-one', { cookie, authorityId: 'x' })
  // inStore: the store's own mark that the session was saved (session-store.ts).
  assert.deepEqual(await sessions.get('session-id-one'), { cookie, authorityId: 'x', inStore: true })
  const ids = (await database.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)
  assert.equal(ids.length, 1)
  assert.ok(!ids.includes('session-id-one') && /^[0-9a-f]{64}$/.test(ids[0] ?? ''), 'only the SHA-256 of the id is stored')

  clock.advance(SESSION_LIMITS.idleMs - 1)
  assert.notEqual(await sessions.get('session-id-one'), null, 'just inside the idle limit')
  clock.advance(1)
  assert.equal(await sessions.get('session-id-one'), null, 'idle for 30 minutes')

  await sessions.set('session-id-two', { cookie })
  for (let elapsed = 0; elapsed < SESSION_LIMITS.absoluteMs; elapsed += 20 * 60_000) {
    assert.notEqual(await sessions.get('session-id-two'), null)
    await sessions.set('session-id-two', { cookie })
    clock.advance(20 * 60_000)
  }
  assert.equal(await sessions.get('session-id-two'), null, 'active, but 12 hours old')

  await sessions.set('session-id-three', { cookie })
  await sessions.destroy('session-id-three')
  assert.equal(await sessions.get('session-id-three'), null, 'sign out ends it on the server')
  clock.advance(SESSION_LIMITS.absoluteMs)
  await sessions.set('session-id-four', { cookie })
  assert.equal(await services.sessionStore.prune(), 0)
  assert.equal((await database.db.selectFrom('sessions').select('id').execute()).length, 1, 'expired rows are cleared out')
})

forEachDatabase('authority settings: admins only, and a stale version is a conflict', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const admin = await actorFor(services, 'admin@demo.example')
  const auditor = await actorFor(services, 'auditor@demo.example')
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const settings = { name: cov.name, decisionOwnerTitle: cov.decisionOwnerTitle, partnershipEmail: 'CoventryCSCP@coventry.gov.uk', decisionOwnerName: 'Chris Changed (fictional)' }
  assert.deepEqual(await services.authorities.updateSettings(auditor, cov.id, cov.version, settings), { ok: false, reason: 'forbidden' })
  const updated = await services.authorities.updateSettings(admin, cov.id, cov.version, settings)
  assert.ok(updated.ok && updated.authority.version === cov.version + 1 && updated.authority.decisionOwnerName === 'Chris Changed (fictional)')
  assert.deepEqual(await services.authorities.updateSettings(admin, cov.id, cov.version, settings), { ok: false, reason: 'stale' })
  const invalid = await services.authorities.updateSettings(admin, cov.id, updated.authority.version, { ...settings, partnershipEmail: 'not-an-email' })
  assert.ok(!invalid.ok && invalid.reason === 'invalid' && 'partnershipEmail' in invalid.errors)
  assert.deepEqual(await services.authorities.add(admin, { code: 'NEW', name: 'New (fictional)' }), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.authorities.add(systemActor(), { code: 'cov', name: 'Again' }), { ok: false, reason: 'code-taken' })
})
