import assert from 'node:assert/strict'
import { apiApp } from '../../../test/helpers/api.js'
import { forEachDatabase } from '../../../test/helpers/databases.js'
import { DEMO, testApp } from '../testing.js'
import { CSRF_AUDIT_LIMIT } from '../csrf-refusals.js'

forEachDatabase('every page has a CSP with a fresh nonce and the required directives, and no-store', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.admin)
  const nonces = new Set<string>()
  for (const url of ['/', '/settings', '/no-such-page', '/cookies', '/accessibility']) {
    const response = await user.get(url)
    const csp = String(response.headers['content-security-policy'])
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "script-src 'self' 'nonce-"]) {
      assert.ok(csp.includes(directive), `${url}: ${directive} in ${csp}`)
    }
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? ''
    assert.ok(response.body.includes(`nonce="${nonce}"`), `${url}: the page's scripts carry the nonce`)
    nonces.add(nonce)
    assert.equal(response.headers['cache-control'], 'no-store', url)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['x-powered-by'], undefined)
    assert.equal(response.headers['strict-transport-security'], undefined, 'no HSTS on plain HTTP outside production')
  }
  assert.equal(nonces.size, 5, 'a new nonce for each response')
  await app.close()
})

// Addresses hold case ids; a link out of the service must not carry them (ASVS 3.4.5).
forEachDatabase('pages and API responses send Referrer-Policy same-origin, so no address leaves the service', async (database) => {
  const { app, browser, call } = await apiApp(database)
  const user = browser()
  await user.signIn(DEMO.businessUnit)
  const incidents = await call('GET', '/api/v1/incidents?pageSize=1')
  assert.equal(incidents.statusCode, 200)
  const caseId = incidents.json<{ items: { id: string }[] }>().items[0]?.id
  assert.ok(caseId)
  const responses = { 'sign-in page': await browser().get('/sign-in'), 'case page': await user.get(`/incidents/${caseId}`), 'API response': incidents, 'API refusal': await call('GET', '/api/v1/incidents', { token: null }) }
  for (const [what, response] of Object.entries(responses)) assert.equal(response.headers['referrer-policy'], 'same-origin', what)
  assert.equal(responses['case page'].statusCode, 200)
  await app.close()
})

forEachDatabase('production sends HSTS and a Secure __Host- session cookie', async (database) => {
  const { app } = await testApp(database, { production: true, cookieSecure: true, trustProxy: true })
  const response = await app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } })
  assert.match(String(response.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/)
  const cookie = String(response.headers['set-cookie'])
  assert.match(cookie, /^__Host-sin-session=/)
  for (const part of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']) assert.ok(cookie.includes(part), `${part} in ${cookie}`)
  assert.doesNotMatch(cookie, /Domain=/)
  await app.close()
})

forEachDatabase('a POST without a CSRF token, or with a wrong one, is refused with a GOV.UK page and changes nothing', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.admin)
  await user.get('/settings/details')
  for (const token of [null, 'not-the-token']) {
    const response = await user.post('/settings/details', { name: 'Changed by a forged form', decisionOwnerTitle: 'X', version: '1' }, token)
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /Your form has expired/)
    assert.match(response.body, /govuk-template/)
  }
  const settings = await user.get('/settings')
  assert.doesNotMatch(settings.body, /Changed by a forged form/)
  const signIn = await browser().post('/sign-in', { email: DEMO.admin, password: DEMO.password }, null)
  assert.equal(signIn.statusCode, 403, 'sign-in is CSRF-protected too')
  await app.close()
})

forEachDatabase('a refused CSRF token is audited with the user and the route, never the form, and only so often per address', async (database) => {
  const { app, browser, clock } = await testApp(database)
  const refusals = () => database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'access.refused').where('outcome', '=', 'refused: csrf').orderBy('seq').execute()
  const admin = browser()
  await admin.signIn(DEMO.admin)
  const forged = await admin.post('/settings/details', { name: 'Forged form with Child Q Demo', decisionOwnerTitle: 'X', version: '1' }, 'not-the-token')
  assert.equal(forged.statusCode, 403)
  assert.match(forged.body, /Your form has expired/)
  const [entry] = await refusals()
  assert.ok(entry, 'the refusal is audited')
  assert.equal(entry.actor, DEMO.admin)
  assert.equal(entry.record_type, 'page')
  assert.equal(entry.record_id, '/settings/details')
  assert.ok(entry.authority_id, 'in the authority the admin works in')
  assert.doesNotMatch(JSON.stringify(entry), /Forged form|Child Q/, 'nothing from the form')
  // Signed out: the sign-in form without its token, audited without a user.
  assert.equal((await browser().post('/sign-in', { email: DEMO.admin, password: DEMO.password }, null)).statusCode, 403)
  assert.deepEqual((await refusals()).slice(1).map((r) => [r.actor, r.actor_user_id, r.record_id]), [['signed-out visitor', null, '/sign-in']])
  // A flood from one address: every form is refused, but only the limit is audited in a window.
  for (let i = 0; i < CSRF_AUDIT_LIMIT.max + 5; i++) assert.equal((await admin.post('/settings/details', { name: 'x', version: '1' }, null)).statusCode, 403)
  assert.equal((await refusals()).length, CSRF_AUDIT_LIMIT.max)
  clock.advance(CSRF_AUDIT_LIMIT.windowMs)
  await admin.get('/settings/details')
  assert.equal((await admin.post('/settings/details', { name: 'x', version: '1' }, null)).statusCode, 403)
  assert.equal((await refusals()).length, CSRF_AUDIT_LIMIT.max + 1, 'audited again in the next window')
  await app.close()
})

forEachDatabase('errors show a GOV.UK page, and in production no stack trace', async (database) => {
  const { app } = await testApp(database, { production: true }, (routes) =>
    routes.get('/explode', { config: { access: 'public' } }, async () => {
      throw new Error('SELECT secret FROM users -- should never be shown')
    }),
  )
  const failed = await app.inject({ method: 'GET', url: '/explode' })
  assert.equal(failed.statusCode, 500)
  assert.match(failed.body, /Sorry, there is a problem with the service/)
  assert.doesNotMatch(failed.body, /SELECT|secret|at [^ ]+\.ts/)
  const missing = await app.inject({ method: 'GET', url: '/no-such-page' })
  assert.equal(missing.statusCode, 404)
  assert.match(missing.body, /Page not found/)
  await app.close()
})

forEachDatabase('/health reports the database without secrets', async (database) => {
  const { app } = await testApp(database)
  const response = await app.inject({ method: 'GET', url: '/health' })
  assert.equal(response.statusCode, 200)
  assert.deepEqual(response.json(), { status: 'ok', database: 'ok' })
  await app.close()
})

forEachDatabase('a page whose path holds the NUL character answers not found on either database, never an error', async (database) => {
  const { browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.businessUnit)
  for (const path of ['/incidents/a%00b', '/incidents/a%00b/clocks', '/settings/users/%00']) {
    const page = await user.get(path)
    assert.equal(page.statusCode, 404, path)
    assert.match(page.body, /Page not found/, path)
  }
})
