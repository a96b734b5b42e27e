// Who may call what: every API route, for every kind of token (none, malformed, unknown, expired,
// revoked, the wrong scope, the right scope), and a token of one authority never reaching another's.
import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { apiApp, tokenFor } from '../../../../test/helpers/api.js'
import { DEMO } from '../../testing.js'
import { isApiAccess, type ApiAccess } from '../../plugins/access.js'

const fill = (url: string, incidentId: string) =>
  url.replace(':incidentId', incidentId).replace(':notificationId', 'serious_incident:x').replace(':actionId', 'no-such-action').replace(':childId', 'no-such-child').replace(':clockKey', 'rapid_review')

forEachDatabase('API: every route refuses no token, bad tokens and the wrong scope, and lets the right scope through', async (database) => {
  const { app, call, services, clock, tokens } = await apiApp(database)
  const listed = await call('GET', '/api/v1/incidents?pageSize=1')
  const incidentId = listed.json<{ items: { id: string }[] }>().items[0]?.id ?? ''
  const expired = await tokenFor(services, 'COV', ['read', 'write'], 'soon expired')
  const revoked = await tokenFor(services, 'COV', ['read', 'write'], 'revoked')
  assert.ok((await services.apiTokens.revoke({ kind: 'system', name: 'test' }, null, revoked.id)).ok)
  const routes = app.declaredRoutes().filter((r): r is typeof r & { access: ApiAccess } => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && isApiAccess(r.access))
  assert.ok(routes.length >= 25, `found ${routes.length} API routes`)
  const refusedTokens = { none: null, malformed: 'not-a-token', unknown: `sin_${'B'.repeat(43)}`, revoked: revoked.token }
  for (const route of routes) {
    const url = fill(route.url, incidentId)
    const name = `${route.method} ${route.url}`
    const body = route.method === 'GET' ? undefined : {}
    for (const [kind, token] of Object.entries(refusedTokens)) {
      const response = await call(route.method, url, { token, body })
      assert.equal(response.statusCode, 401, `${name} with ${kind} token`)
      assert.match(String(response.headers['www-authenticate']), /^Bearer realm="sin-api"/, name)
      assert.equal(response.json<{ error: { status: number } }>().error.status, 401)
    }
    const lacking = route.access.scope === 'read' ? tokens.write.token : tokens.read.token
    const refused = await call(route.method, url, { token: lacking, body })
    assert.equal(refused.statusCode, 403, `${name} without the ${route.access.scope} scope`)
    assert.match(String(refused.headers['www-authenticate']), new RegExp(`insufficient_scope", scope="${route.access.scope}"`))
    const allowed = await call(route.method, url, { token: route.access.scope === 'read' ? tokens.read.token : tokens.write.token, body })
    assert.ok(![401, 403].includes(allowed.statusCode), `${name} with the ${route.access.scope} scope: ${allowed.statusCode} ${allowed.body}`)
    assert.match(String(allowed.headers['content-type']), /^application\/json/, name)
  }
  clock.advance(91 * 86_400_000)
  const late = await call('GET', '/api/v1/incidents', { token: expired.token })
  assert.equal(late.statusCode, 401)
  assert.match(String(late.headers['www-authenticate']), /error_description="expired"/)
  await app.close()
})

forEachDatabase('API: a session cookie never authenticates, and CSRF does not apply to bearer requests', async (database) => {
  const { app, browser, call, tokens } = await apiApp(database)
  const user = browser()
  await user.signIn(DEMO.businessUnit)
  const cookies = Object.fromEntries(user.cookies)
  const withCookie = await app.inject({ method: 'GET', url: '/api/v1/incidents', cookies })
  assert.equal(withCookie.statusCode, 401)
  const posted = await app.inject({ method: 'POST', url: '/api/v1/incidents', cookies, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ awareness: {} }) })
  assert.equal(posted.statusCode, 401, 'a forged cross-site post with the session cookie gets nothing')
  const bearer = await call('POST', '/api/v1/incidents', { body: { awareness: { awareDate: '2026-11-23', source: 'hospital' } } })
  assert.equal(bearer.statusCode, 201, 'no CSRF token is needed with a bearer token')
  const form = await app.inject({ method: 'POST', url: '/api/v1/incidents', headers: { authorization: `Bearer ${tokens.both.token}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' })
  assert.equal(form.statusCode, 415, 'the API takes JSON, not forms')
  assert.equal(form.json<{ error: { message: string } }>().error.message, 'Send the body as application/json')
  await app.close()
})

forEachDatabase('API: a token of one authority never reaches another authority’s records (404)', async (database) => {
  const { app, call, tokens } = await apiApp(database)
  const cov = (await call('GET', '/api/v1/incidents?pageSize=100')).json<{ items: { id: string }[] }>().items
  assert.ok(cov.length > 0)
  const demoList = await call('GET', '/api/v1/incidents?pageSize=100', { token: tokens.demo.token })
  assert.ok(!demoList.json<{ items: { id: string }[] }>().items.some((i) => cov.some((c) => c.id === i.id)), 'the DEMO list holds no COV case')
  const routes = app.declaredRoutes().filter((r) => r.url.includes(':incidentId') && r.method === 'GET')
  for (const incident of cov.slice(0, 3)) {
    for (const route of routes) {
      const url = `${fill(route.url, incident.id)}${route.url.endsWith('/pack') ? '?justification=test' : ''}`
      const response = await call('GET', url, { token: tokens.demo.token })
      assert.equal(response.statusCode, 404, `${route.url}: ${response.body}`)
    }
    const patched = await call('PATCH', `/api/v1/incidents/${incident.id}`, { token: tokens.demo.token, ifMatch: '"v1"', body: { safeguarding: { agencies: 'Changed (fictional)' } } })
    assert.equal(patched.statusCode, 404)
    const decided = await call('POST', `/api/v1/incidents/${incident.id}/decisions`, { token: tokens.demo.token, ifMatch: '"v1"', body: { decision: 'notify', rationale: 'x' } })
    assert.equal(decided.statusCode, 404)
  }
  await app.close()
})
