// "Your sessions" through the pages: the user's own sessions only, this one marked, ending one or
// all the others (audited, CSRF-protected), and the offer to end the others after a change of
// password or authenticator app (ASVS 7.5.2, 7.4.3).
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import type { Database } from '../../../data/db.js'
import { timeStep, totpCodeForStep } from '../../../domain/multi-factor/index.js'
import { SIGNED_IN } from '../../plugins/access.js'
import { DEMO, demoCode, testApp, type TestBrowser } from '../../testing.js'
import { CONFIRMATION_MINUTES } from '../multi-factor/account-routes.js'

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0'
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/** The sessions table's rows: browser text, whether marked "This session", and the handle its form ends. */
function rowsOf(page: LightMyRequestResponse) {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(page.body)?.[1] ?? ''
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const row = m[1] ?? ''
    return {
      browser: (/<td[^>]*>\s*([^<]*?)\s*</.exec(row)?.[1] ?? '').trim(),
      current: row.includes('This session'),
      handle: /action="\/account\/sessions\/([0-9a-f]+)\/end"/.exec(row)?.[1] ?? null,
    }
  })
}

type Started = Awaited<ReturnType<typeof testApp>>

/** A browser signed in with that User-Agent, a minute after the last one (so they list in a known order). */
async function signedIn({ browser, clock }: Started, email: string, userAgent: string) {
  clock.advance(60_000)
  const user = browser()
  user.userAgent = userAgent
  await user.signIn(email)
  assert.equal((await user.get('/')).statusCode, 200, `${email} signed in`)
  return user
}

/** Signed out: any page sends them to sign in again. */
async function isSignedOut(user: TestBrowser): Promise<boolean> {
  const response = await user.get('/')
  return response.statusCode === 303 && /^\/(sign-in|signed-out)/.test(String(response.headers.location))
}

async function endedFor(database: Database, email: string): Promise<string[]> {
  const user = await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  const rows = await database.db.selectFrom('audit_entries').select(['action', 'outcome', 'actor']).where('record_id', '=', user.id).where('action', '=', 'session.ended').orderBy('seq').execute()
  return rows.map((r) => `${r.actor}: ${r.outcome.replace(/; it signed in at .*$/, '')}`)
}

forEachDatabase('Your sessions lists the user’s own sessions with this one marked; they end another, then all the others, each audited', async (database) => {
  const started = await testApp(database)
  const { app } = started
  const laptop = await signedIn(started, DEMO.practitioner, FIREFOX_WINDOWS)
  const phone = await signedIn(started, DEMO.practitioner, SAFARI_IPHONE)
  const office = await signedIn(started, DEMO.practitioner, CHROME_MAC)
  await signedIn(started, DEMO.businessUnit, CHROME_MAC)

  assert.match((await laptop.get('/account')).body, /href="\/account\/sessions"/, 'linked from Your sign-in details')
  const page = await laptop.get('/account/sessions')
  assert.equal(page.statusCode, 200)
  const rows = rowsOf(page)
  assert.deepEqual(rows.map((r) => [r.browser, r.current, r.handle !== null]), [
    ['Firefox on Windows', true, false],
    ['Chrome on macOS', false, true],
    ['Safari on iPhone', false, true],
  ])
  assert.match(page.body, /Sign out of all other sessions/)

  // Without the form's CSRF token nothing is ended.
  const phoneHandle = rows.find((r) => r.browser === 'Safari on iPhone')?.handle ?? ''
  assert.equal((await laptop.post(`/account/sessions/${phoneHandle}/end`, {}, null)).statusCode, 403)
  assert.equal(await isSignedOut(phone), false)

  await laptop.get('/account/sessions')
  const ended = await laptop.post(`/account/sessions/${phoneHandle}/end`)
  assert.deepEqual([ended.statusCode, ended.headers.location], [303, '/account/sessions'])
  assert.equal(await isSignedOut(phone), true, 'the phone’s cookie no longer works')
  assert.equal(await isSignedOut(office), false)
  const after = await laptop.get('/account/sessions')
  assert.match(after.body, /You signed out of 1 other session/)
  assert.deepEqual(rowsOf(after).map((r) => r.browser), ['Firefox on Windows', 'Chrome on macOS'])
  // Ending it twice finds nothing to end.
  assert.equal((await laptop.post(`/account/sessions/${phoneHandle}/end`)).statusCode, 404)

  await laptop.get('/account/sessions')
  assert.equal((await laptop.post('/account/sessions/end-others')).headers.location, '/account/sessions')
  assert.equal(await isSignedOut(office), true)
  assert.equal(await isSignedOut(laptop), false, 'this session stays')
  const last = await laptop.get('/account/sessions')
  assert.deepEqual(rowsOf(last).map((r) => [r.browser, r.current]), [['Firefox on Windows', true]])
  assert.doesNotMatch(last.body, /Sign out of all other sessions/)
  assert.deepEqual(await endedFor(database, DEMO.practitioner), [
    `${DEMO.practitioner}: done: ended by the user from another session`,
    `${DEMO.practitioner}: done: ended by the user from another session`,
  ])
  assert.deepEqual(await endedFor(database, DEMO.businessUnit), [], 'another user’s sessions are untouched')
  await app.close()
})

forEachDatabase('a user can neither see nor end another user’s sessions', async (database) => {
  const started = await testApp(database)
  const { app } = started
  const theirs = await signedIn(started, DEMO.businessUnit, FIREFOX_WINDOWS)
  const theirOther = await signedIn(started, DEMO.businessUnit, SAFARI_IPHONE)
  const mine = await signedIn(started, DEMO.practitioner, CHROME_MAC)
  const theirHandle = rowsOf(await theirs.get('/account/sessions')).find((r) => r.browser === 'Safari on iPhone')?.handle ?? ''
  assert.match(theirHandle, /^[0-9a-f]{32}$/)

  const myPage = await mine.get('/account/sessions')
  assert.deepEqual(rowsOf(myPage).map((r) => r.browser), ['Chrome on macOS'], 'only their own sessions are listed')
  assert.doesNotMatch(myPage.body, new RegExp(theirHandle))
  assert.equal((await mine.post(`/account/sessions/${theirHandle}/end`)).statusCode, 404)
  await mine.get('/account/sessions')
  await mine.post('/account/sessions/end-others')
  assert.equal(await isSignedOut(theirOther), false, 'their session survives both')
  assert.equal(await isSignedOut(theirs), false)
  assert.equal(await isSignedOut(mine), false, 'and the one asking is not signed out either')
  assert.deepEqual(await endedFor(database, DEMO.businessUnit), [])
  await app.close()
})

forEachDatabase('after changing their password the user is offered to sign out of other sessions, which ends the other session and keeps this one', async (database) => {
  const started = await testApp(database)
  const { app } = started
  const here = await signedIn(started, DEMO.practitioner, FIREFOX_WINDOWS)
  const elsewhere = await signedIn(started, DEMO.practitioner, SAFARI_IPHONE)
  await here.get('/account/confirm?next=password')
  assert.equal((await here.post('/account/confirm?next=password', { password: DEMO.password, code: '' })).headers.location, '/account/password')
  await here.get('/account/password')
  const changed = await here.post('/account/password', { password: 'a brand new passphrase 9', confirm: 'a brand new passphrase 9' })
  assert.equal(changed.headers.location, '/account/sessions')
  const offer = await here.get('/account/sessions')
  assert.match(offer.body, /Your password has been changed/)
  assert.match(offer.body, /You are still signed in in 1 other place/)
  assert.match(offer.body, /Sign out of all other sessions/)
  assert.equal(await isSignedOut(elsewhere), false, 'nothing is ended until the user chooses')

  await here.get('/account/sessions')
  assert.equal((await here.post('/account/sessions/end-others')).headers.location, '/account/sessions')
  assert.equal(await isSignedOut(elsewhere), true, 'the other session’s cookie no longer works')
  assert.equal(await isSignedOut(here), false, 'this session stays')
  assert.doesNotMatch((await here.get('/account/sessions')).body, /Your password has been changed/, 'the message is shown once')
  assert.equal((await endedFor(database, DEMO.practitioner)).length, 1)
  await app.close()
})

forEachDatabase('after setting up a new authenticator app the recovery codes lead to the offer to sign out of other sessions', async (database) => {
  const started = await testApp(database)
  const { app, clock } = started
  const here = await signedIn(started, DEMO.decisionOwner, FIREFOX_WINDOWS)
  const elsewhere = await signedIn(started, DEMO.decisionOwner, CHROME_MAC)
  await here.get('/account/confirm?next=authenticator')
  await here.post('/account/confirm?next=authenticator', { password: DEMO.password, code: demoCode(app, DEMO.decisionOwner, clock) })
  const setUp = await here.get('/account/authenticator')
  const secret = (/id="secret">([A-Z2-7 ]+)</.exec(setUp.body)?.[1] ?? '').replace(/ /g, '')
  assert.equal((await here.post('/account/authenticator', { code: totpCodeForStep(secret, timeStep(clock())) })).headers.location, '/account/recovery-codes')
  assert.match((await here.get('/account/recovery-codes')).body, /href="\/account\/sessions"[^>]*>\s*I have kept my recovery codes safe/)
  const offer = await here.get('/account/sessions')
  assert.match(offer.body, /Your new authenticator app is set up/)
  assert.match(offer.body, /Sign out of all other sessions/)
  await here.post('/account/sessions/end-others')
  assert.equal(await isSignedOut(elsewhere), true)
  assert.equal(await isSignedOut(here), false)
  await app.close()
})

forEachDatabase('ending a session needs a sign-in or the password again in the last 5 minutes, so a stolen session cannot throw the user out', async (database) => {
  const started = await testApp(database)
  const { app, clock } = started
  const elsewhere = await signedIn(started, DEMO.practitioner, SAFARI_IPHONE)
  const here = await signedIn(started, DEMO.practitioner, FIREFOX_WINDOWS)
  clock.advance(CONFIRMATION_MINUTES * 60_000 + 1000)
  assert.match((await here.get('/account/sessions')).body, /you will be asked for your password again/)
  assert.equal((await here.post('/account/sessions/end-others')).headers.location, '/account/confirm?next=sessions')
  const handle = rowsOf(await here.get('/account/sessions')).find((r) => r.browser === 'Safari on iPhone')?.handle ?? ''
  assert.equal((await here.post(`/account/sessions/${handle}/end`)).headers.location, '/account/confirm?next=sessions')
  assert.equal(await isSignedOut(elsewhere), false, 'nothing ended without the proof')

  assert.match((await here.get('/account/confirm?next=sessions')).body, /Before you sign out of your other sessions/)
  assert.equal((await here.post('/account/confirm?next=sessions', { password: 'not my password at all', code: '' })).statusCode, 401)
  assert.equal((await here.post('/account/confirm?next=sessions', { password: DEMO.password, code: '' })).headers.location, '/account/sessions')
  await here.get('/account/sessions')
  assert.equal((await here.post(`/account/sessions/${handle}/end`)).headers.location, '/account/sessions')
  assert.equal(await isSignedOut(elsewhere), true)
  assert.equal(await isSignedOut(here), false)
  await app.close()
})

forEachDatabase('a single sign-on user who signed in over 5 minutes ago is asked to sign in again before ending a session', async (database) => {
  // Stands in for the provider's round trip (single-sign-on/routes.test.ts): marks this session as signed in through it.
  const started = await testApp(database, {}, (app) => {
    app.get('/test/as-single-sign-on', { config: { access: SIGNED_IN } }, async (request) => {
      request.session.signInMethod = 'single-sign-on'
      return 'ok'
    })
  })
  const { app, clock } = started
  const elsewhere = await signedIn(started, DEMO.practitioner, SAFARI_IPHONE)
  const here = await signedIn(started, DEMO.practitioner, FIREFOX_WINDOWS)
  await here.get('/test/as-single-sign-on')
  clock.advance(CONFIRMATION_MINUTES * 60_000 + 1000)
  await here.get('/account/sessions')
  assert.equal((await here.post('/account/sessions/end-others')).headers.location, '/account/sessions')
  assert.match((await here.get('/account/sessions')).body, /first sign out and sign in again with your work account/)
  assert.equal(await isSignedOut(elsewhere), false)
  await app.close()
})
