// Multi-factor sign-in through the pages: the code after the password, setting up an app when
// the role needs one, recovery codes, replay and lockout, and confirming it is you before
// changing sign-in details.
import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO_TOTP_SECRET, timeStep, totpCodeForStep } from '../../../domain/multi-factor/index.js'
import { LOCKOUT, systemActor } from '../../../services/index.js'
import { DEMO, testApp, type TestBrowser } from '../../testing.js'

const code = (at: Date, secret = DEMO_TOTP_SECRET) => totpCodeForStep(secret, timeStep(at))

async function actions(database: Parameters<Parameters<typeof forEachDatabase>[1]>[0], userId: string) {
  const rows = await database.db.selectFrom('audit_entries').select(['action', 'outcome']).where('record_id', '=', userId).orderBy('seq').execute()
  return rows.map((r) => `${r.action}: ${r.outcome}`)
}

async function passwordStep(user: TestBrowser, email: string, password: string = DEMO.password) {
  await user.get('/sign-in')
  return user.post('/sign-in', { email, password })
}

forEachDatabase('an admin gives a code after the password; no other page opens before it; a used code is refused', async (database) => {
  const { app, browser, clock, services } = await testApp(database)
  const user = browser()
  const step1 = await passwordStep(user, DEMO.admin)
  assert.equal(step1.headers.location, '/sign-in/code')
  assert.equal((await user.get('/')).headers.location, '/sign-in', 'not signed in yet')
  assert.equal((await user.get('/settings/users')).headers.location, '/sign-in')
  const page = await user.get('/sign-in/code')
  assert.match(page.body, /Enter the code from your authenticator app/)
  assert.match(page.body, /Demo only/)
  const wrong = await user.post('/sign-in/code', { code: '000000' === code(clock()) ? '111111' : '000000' })
  assert.equal(wrong.statusCode, 401)
  assert.match(wrong.body, /govuk-error-summary/)
  const right = await user.post('/sign-in/code', { code: code(clock()) })
  assert.deepEqual([right.statusCode, right.headers.location], [303, '/'])
  assert.equal((await user.get('/')).statusCode, 200)
  // Someone who saw the code cannot use it again, even with the password.
  const other = browser()
  await passwordStep(other, DEMO.admin)
  await other.get('/sign-in/code')
  assert.equal((await other.post('/sign-in/code', { code: code(clock()) })).statusCode, 401)
  const admin = await services.users.findByEmail(DEMO.admin)
  assert.deepEqual((await actions(database, admin?.id ?? '')).filter((a) => a.startsWith('sign-in.')), [
    'sign-in.password-accepted: done: code next',
    'sign-in.failed: wrong code',
    'sign-in.succeeded: done: authenticator code',
    'sign-in.password-accepted: done: code next',
    'sign-in.failed: wrong code',
  ])
  await app.close()
})

forEachDatabase('wrong codes count towards the lockout, and a right password between them does not reset the count', async (database) => {
  const { app, browser, clock } = await testApp(database)
  const user = browser()
  for (let i = 0; i < LOCKOUT.failures; i++) {
    await passwordStep(user, DEMO.auditor)
    await user.get('/sign-in/code')
    assert.equal((await user.post('/sign-in/code', { code: '12345x' })).statusCode, 401)
  }
  // Locked: the password is refused, and so would the right code be.
  assert.equal((await passwordStep(user, DEMO.auditor)).statusCode, 401)
  clock.advance(LOCKOUT.minutes * 60_000 + 1000)
  assert.equal((await passwordStep(user, DEMO.auditor)).headers.location, '/sign-in/code')
  await user.get('/sign-in/code')
  assert.equal((await user.post('/sign-in/code', { code: code(clock()) })).headers.location, '/')
  await app.close()
})

forEachDatabase('a new auditor must set up an app before any page; recovery codes are shown once and each works once', async (database) => {
  const { app, browser, clock, services } = await testApp(database)
  const cov = await services.authorities.getByCode('COV')
  const added = await services.users.add(systemActor('test'), { email: 'new.auditor@demo.example', name: 'Nia New (demo)', password: 'copper kettle meadow 7', role: 'auditor', authorityId: cov?.id ?? '' })
  assert.ok(added.ok)
  const user = browser()
  assert.equal((await passwordStep(user, 'new.auditor@demo.example', 'copper kettle meadow 7')).headers.location, '/sign-in/set-up-authenticator')
  assert.equal((await user.get('/')).headers.location, '/sign-in')
  const setUp = await user.get('/sign-in/set-up-authenticator')
  assert.match(setUp.body, /<img src="data:image\/svg\+xml;base64,/)
  const secret = (/id="secret">([A-Z2-7 ]+)</.exec(setUp.body)?.[1] ?? '').replace(/ /g, '')
  assert.equal(secret.length, 32)
  assert.equal((await user.post('/sign-in/set-up-authenticator', { code: '000000' === code(clock(), secret) ? '111111' : '000000' })).statusCode, 400)
  const done = await user.post('/sign-in/set-up-authenticator', { code: code(clock(), secret) })
  assert.equal(done.headers.location, '/account/recovery-codes')
  const shown = await user.get('/account/recovery-codes')
  const codes = [...shown.body.matchAll(/<code class="app-code">([a-z0-9-]+)<\/code>/g)].map((m) => m[1] ?? '')
  assert.equal(codes.length, 10)
  assert.equal((await user.get('/account/recovery-codes')).headers.location, '/account', 'shown once')
  const stored = await database.db.selectFrom('user_recovery_codes').select('code_hash').where('user_id', '=', added.user.id).execute()
  assert.equal(stored.length, 10)
  assert.ok(stored.every((r) => !codes.includes(r.code_hash) && /^[0-9a-f]{64}$/.test(r.code_hash)), 'stored hashed')
  // A recovery code signs in once.
  const later = browser()
  await passwordStep(later, 'new.auditor@demo.example', 'copper kettle meadow 7')
  await later.get('/sign-in/code')
  assert.equal((await later.post('/sign-in/code', { code: codes[3] ?? '' })).headers.location, '/account?recovery-code-used=1')
  assert.match((await later.get('/account?recovery-code-used=1')).body, /You have 9 left/)
  const again = browser()
  await passwordStep(again, 'new.auditor@demo.example', 'copper kettle meadow 7')
  await again.get('/sign-in/code')
  assert.equal((await again.post('/sign-in/code', { code: codes[3] ?? '' })).statusCode, 401)
  // Another code typed in capitals without its hyphen still works.
  assert.equal((await again.post('/sign-in/code', { code: (codes[4] ?? '').replace('-', '').toUpperCase() })).headers.location, '/account?recovery-code-used=1')
  assert.ok((await actions(database, added.user.id)).includes('mfa.enrolled: done'))
  await app.close()
})

forEachDatabase('a practitioner is not asked for a code unless it is required for everyone', async (database) => {
  const plain = await testApp(database)
  assert.equal((await passwordStep(plain.browser(), DEMO.practitioner)).headers.location, '/')
  await plain.app.close()
  const strict = await testApp(database, { mfaForAll: true })
  assert.equal((await passwordStep(strict.browser(), DEMO.practitioner)).headers.location, '/sign-in/set-up-authenticator')
  await strict.app.close()
})

forEachDatabase('in production the code page never names the demo secret', async (database) => {
  const { app, browser } = await testApp(database, { production: true })
  const user = browser()
  await passwordStep(user, DEMO.decisionOwner)
  const page = await user.get('/sign-in/code')
  assert.equal(page.statusCode, 200)
  assert.doesNotMatch(page.body, /Demo only|DEMO/)
  await app.close()
})

forEachDatabase('changing the password needs the password and a code again first', async (database) => {
  const { app, browser, clock, services } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.admin)
  assert.equal((await user.get('/account/password')).headers.location, '/account/confirm?next=password')
  await user.get('/account')
  assert.equal((await user.post('/account/password', { password: 'a brand new passphrase 9', confirm: 'a brand new passphrase 9' })).headers.location, '/account/confirm?next=password')
  await user.get('/account/confirm?next=password')
  assert.equal((await user.post('/account/confirm?next=password', { password: DEMO.password, code: '' })).statusCode, 400)
  assert.equal((await user.post('/account/confirm?next=password', { password: 'not my password at all', code: '123456' })).statusCode, 401)
  clock.advance(30_000)
  assert.equal((await user.post('/account/confirm?next=password', { password: DEMO.password, code: code(clock()) })).headers.location, '/account/password')
  await user.get('/account/password')
  assert.equal((await user.post('/account/password', { password: 'a brand new passphrase 9', confirm: 'different' })).statusCode, 400)
  assert.equal((await user.post('/account/password', { password: 'a brand new passphrase 9', confirm: 'a brand new passphrase 9' })).headers.location, '/account/sessions')
  // Once changed, the confirmation is used up.
  assert.equal((await user.get('/account/new-recovery-codes')).headers.location, '/account/confirm?next=recovery-codes')
  const admin = await services.users.findByEmail(DEMO.admin)
  const trail = await actions(database, admin?.id ?? '')
  assert.ok(trail.includes('reauthentication.failed: wrong password'))
  assert.ok(trail.includes('reauthentication.succeeded: done'))
  assert.ok(trail.includes('user.password-changed: done'))
  const fresh = browser()
  assert.equal((await passwordStep(fresh, DEMO.admin, 'a brand new passphrase 9')).headers.location, '/sign-in/code')
  await app.close()
})

forEachDatabase('new recovery codes and a new app also need confirming; the new app replaces the old one', async (database) => {
  const { app, browser, clock } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.decisionOwner)
  assert.match((await user.get('/account')).body, /Your sign-in details/)
  clock.advance(30_000)
  await user.get('/account/confirm?next=recovery-codes')
  assert.equal((await user.post('/account/confirm?next=recovery-codes', { password: DEMO.password, code: code(clock()) })).headers.location, '/account/new-recovery-codes')
  await user.get('/account/new-recovery-codes')
  assert.equal((await user.post('/account/new-recovery-codes')).headers.location, '/account/recovery-codes')
  assert.equal([...(await user.get('/account/recovery-codes')).body.matchAll(/<code class="app-code">/g)].length, 10)
  clock.advance(30_000)
  await user.get('/account/confirm?next=authenticator')
  await user.post('/account/confirm?next=authenticator', { password: DEMO.password, code: code(clock()) })
  const setUp = await user.get('/account/authenticator')
  const secret = (/id="secret">([A-Z2-7 ]+)</.exec(setUp.body)?.[1] ?? '').replace(/ /g, '')
  assert.equal((await user.post('/account/authenticator', { code: code(clock(), secret) })).headers.location, '/account/recovery-codes')
  // The demo secret no longer works for this account; the new one does.
  clock.advance(30_000)
  const next = browser()
  await passwordStep(next, DEMO.decisionOwner)
  await next.get('/sign-in/code')
  assert.equal((await next.post('/sign-in/code', { code: code(clock()) })).statusCode, 401)
  assert.equal((await next.post('/sign-in/code', { code: code(clock(), secret) })).headers.location, '/')
  await app.close()
})

forEachDatabase('after an authenticator reset a decision owner’s sessions end, and signing in with the password leads only to setting up a new app', async (database) => {
  const { app, browser, clock, services } = await testApp(database)
  const owner = await services.users.findByEmail(DEMO.decisionOwner)
  assert.ok(owner)
  const before = browser()
  await before.signIn(DEMO.decisionOwner)
  assert.equal((await before.get('/')).statusCode, 200)
  // What `sin user reset-mfa` does, as the operator.
  const reset = await services.multiFactor.reset(systemActor('command line'), owner.id)
  assert.deepEqual(reset, { ok: true, sessionsEnded: 1 })
  assert.match(String((await before.get('/')).headers.location), /^\/(sign-in|signed-out)/, 'the session open before the reset has ended')

  const user = browser()
  assert.equal((await passwordStep(user, DEMO.decisionOwner)).headers.location, '/sign-in/set-up-authenticator')
  for (const url of ['/', '/incidents', '/account', '/account/sessions', '/account/password', '/sign-in/code']) {
    assert.equal((await user.get(url)).headers.location, '/sign-in', `${url} is closed until a new app is set up`)
  }
  const setUp = await user.get('/sign-in/set-up-authenticator')
  const oldCode = await user.post('/sign-in/code', { code: code(clock()) })
  assert.deepEqual([oldCode.statusCode, oldCode.headers.location], [303, '/sign-in'], 'the old app’s code is no way round it')
  assert.equal((await user.get('/')).headers.location, '/sign-in')
  const secret = (/id="secret">([A-Z2-7 ]+)</.exec(setUp.body)?.[1] ?? '').replace(/ /g, '')
  assert.notEqual(secret, DEMO_TOTP_SECRET)
  assert.equal((await user.post('/sign-in/set-up-authenticator', { code: code(clock(), secret) })).headers.location, '/account/recovery-codes')
  assert.equal((await user.get('/')).statusCode, 200, 'signed in once the new app is set up')
  const trail = await actions(database, owner.id)
  assert.ok(trail.includes('mfa.reset: done'))
  assert.equal(trail.filter((a) => a.startsWith('session.ended: done: authenticator app reset')).length, 1)
  assert.ok(trail.includes('mfa.enrolled: done'))
  await app.close()
})
