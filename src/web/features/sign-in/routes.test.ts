import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'

forEachDatabase('signing in with the right password opens a new session and shows the home page', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.get('/sign-in')
  const before = user.cookies.get('sin-session')
  const response = await user.post('/sign-in', { email: DEMO.practitioner, password: DEMO.password })
  assert.equal(response.statusCode, 303)
  assert.equal(response.headers.location, '/')
  assert.notEqual(user.cookies.get('sin-session'), before, 'a new session id at sign-in')
  const home = await user.get('/')
  assert.equal(home.statusCode, 200)
  assert.match(home.body, /Coventry City Council/)
  assert.match(home.body, /Sign out/)
  await app.close()
})

forEachDatabase('a wrong password, an unknown account and a locked account get the same refusal', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  const wrong = await user.signIn(DEMO.admin, 'not the right password at all')
  assert.equal(wrong.statusCode, 401)
  assert.match(wrong.body, /Enter a correct email address and password/)
  assert.match(wrong.body, /govuk-error-summary/)
  assert.match(wrong.body, /value="admin@demo.example"/, 'the email address is kept')
  const unknown = await user.signIn('nobody@demo.example', 'not the right password at all')
  for (let i = 0; i < 5; i++) await user.signIn(DEMO.auditor, 'not the right password at all')
  const locked = await user.signIn(DEMO.auditor, DEMO.password)
  const message = (body: string) => /govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]*)</.exec(body)?.[1]?.trim()
  assert.equal(message(unknown.body), message(wrong.body))
  assert.equal(message(locked.body), message(wrong.body))
  assert.equal(locked.statusCode, 401)
  await app.close()
})

forEachDatabase('an empty sign-in form is answered 400 with an error for each field', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.get('/sign-in')
  const response = await user.post('/sign-in', { email: '', password: '' })
  assert.equal(response.statusCode, 400)
  assert.match(response.body, /<title>Error: Sign in/)
  assert.match(response.body, /href="#email">Enter your email address/)
  assert.match(response.body, /href="#password">Enter your password/)
  await app.close()
})

forEachDatabase('signing out ends the session on the server: the old cookie no longer works', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  const home = await user.get('/')
  const oldCookies = new Map(user.cookies)
  const out = await user.post('/sign-out')
  assert.equal(out.statusCode, 303)
  assert.equal(out.headers.location, '/signed-out')
  assert.match(String(out.headers['clear-site-data']), /cookies/)
  assert.equal(home.statusCode, 200)
  const replay = await app.inject({ method: 'GET', url: '/', cookies: Object.fromEntries(oldCookies) })
  assert.equal(replay.statusCode, 303)
  assert.match(String(replay.headers.location), /^\/(sign-in|signed-out)/)
  await app.close()
})

forEachDatabase('after 30 minutes without a request the session ends, and the next page says why', async (database) => {
  const { app, clock, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  clock.advance(29 * 60_000)
  assert.equal((await user.get('/')).statusCode, 200, 'still signed in after 29 minutes')
  clock.advance(31 * 60_000)
  const after = await user.get('/')
  assert.equal(after.statusCode, 303)
  assert.equal(after.headers.location, '/signed-out?reason=inactive')
  const explained = await user.get('/signed-out?reason=inactive')
  assert.match(explained.body, /had not used the service for 30 minutes/)
  await app.close()
})

forEachDatabase('12 hours after signing in the session ends, however active the user', async (database) => {
  const { app, clock, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  for (let hour = 0; hour < 12 * 4; hour++) {
    clock.advance(15 * 60_000)
    const response = await user.get('/')
    if (hour < 12 * 4 - 1) assert.equal(response.statusCode, 200, `signed in after ${(hour + 1) * 15} minutes`)
    else assert.equal(response.statusCode, 303, 'signed out at 12 hours')
  }
  await app.close()
})

forEachDatabase('keep-alive answers 204 to the timeout warning and resets the idle clock', async (database) => {
  const { app, clock, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  await user.get('/')
  clock.advance(25 * 60_000)
  const kept = await app.inject({
    method: 'POST', url: '/keep-alive', cookies: Object.fromEntries(user.cookies),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    payload: `_csrf=${encodeURIComponent(user.lastCsrf)}`,
  })
  assert.equal(kept.statusCode, 204)
  clock.advance(25 * 60_000)
  assert.equal((await user.get('/')).statusCode, 200)
  await app.close()
})
