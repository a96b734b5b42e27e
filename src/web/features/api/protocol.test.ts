// The API's manners: If-Match (428 missing, 412 stale), ETags, pagination, JSON errors naming the
// field, JSON for bad JSON and unknown routes, and the per-token rate limit's JSON 429.
import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { apiApp, caller, RECORD, tokenFor } from '../../../../test/helpers/api.js'
import { testApp } from '../../testing.js'
import { apiRoutes } from './routes.js'
import { apiV1 } from './plugin.js'

type ErrorBody = { error: { status: number; message: string; fields?: { field: string; message: string }[] } }

forEachDatabase('API: updates need If-Match: 428 without it, 412 when stale, and GET gives the ETag', async (database) => {
  const { app, call } = await apiApp(database)
  const started = await call('POST', '/api/v1/incidents', { body: { awareness: RECORD.awareness } })
  const { id } = started.json<{ id: string }>()
  const url = `/api/v1/incidents/${id}`
  assert.equal((await call('GET', url)).headers.etag, '"v1"')
  const missing = await call('PATCH', url, { body: { incident: RECORD.incident } })
  assert.equal(missing.statusCode, 428)
  assert.equal(missing.json<ErrorBody>().error.fields?.[0]?.field, 'If-Match')
  const saved = await call('PATCH', url, { body: { incident: RECORD.incident }, ifMatch: '"v1"' })
  assert.equal(saved.statusCode, 200)
  assert.equal(saved.headers.etag, '"v2"')
  assert.deepEqual(saved.json(), { version: 2 })
  const stale = await call('PATCH', url, { body: { abuse: RECORD.abuse }, ifMatch: '"v1"' })
  assert.equal(stale.statusCode, 412)
  assert.equal((await call('PATCH', url, { body: { abuse: RECORD.abuse }, ifMatch: 'garbage' })).statusCode, 412)
  const record = (await call('GET', url)).json<{ record: { abuse: object } }>().record
  assert.deepEqual(record.abuse, {}, 'nothing was saved from the stale request')
  assert.equal((await call('PATCH', url, { body: { abuse: RECORD.abuse }, ifMatch: 'W/"v2"' })).statusCode, 200, 'a weak ETag is accepted')
  await app.close()
})

forEachDatabase('API: bad input is a JSON error naming each field, and nothing is lost', async (database) => {
  const { app, call, tokens } = await apiApp(database)
  const { id } = (await call('POST', '/api/v1/incidents', { body: { awareness: RECORD.awareness } })).json<{ id: string }>()
  const bad = await call('PATCH', `/api/v1/incidents/${id}`, { body: { incident: { incidentDate: '2026-02-30', location: 'moon' } }, ifMatch: '"v1"' })
  assert.equal(bad.statusCode, 400)
  const fields = bad.json<ErrorBody>().error.fields?.map((f) => f.field).sort()
  assert.deepEqual(fields, ['incident.incidentDate', 'incident.location'])
  assert.equal((await call('GET', `/api/v1/incidents/${id}`)).headers.etag, '"v1"', 'the refused change saved nothing')
  const future = await call('PATCH', `/api/v1/incidents/${id}`, { body: { incident: { incidentDate: '2026-11-24', outline: 'x' }, awareness: { awareDate: '2026-11-20', source: 'hospital' } }, ifMatch: '"v1"' })
  assert.equal(future.statusCode, 400, future.body)
  const dateFields = future.json<ErrorBody>().error.fields ?? []
  assert.ok(dateFields.length > 0 && dateFields.every((f) => /^(awareness|incident)\.(awareDate|incidentDate)$/.test(f.field)), JSON.stringify(dateFields))
  assert.equal((await call('GET', `/api/v1/incidents/${id}`)).headers.etag, '"v1"', 'all sections are saved together or none is')
  const empty = await call('PATCH', `/api/v1/incidents/${id}`, { body: {}, ifMatch: '"v1"' })
  assert.equal(empty.json<ErrorBody>().error.fields?.[0]?.field, 'body')
  const incomplete = await call('POST', `/api/v1/incidents/${id}/submission`, { body: {}, ifMatch: String((await call('GET', `/api/v1/incidents/${id}`)).headers.etag) })
  assert.equal(incomplete.statusCode, 400)
  assert.ok((incomplete.json<ErrorBody>().error.fields ?? []).length > 3, 'every missing answer is named')
  const query = await call('GET', '/api/v1/incidents?pageSize=0')
  assert.deepEqual(query.json<ErrorBody>().error.fields, [{ field: 'pageSize', message: 'pageSize must be a whole number from 1 to 100' }])
  const notJson = await app.inject({ method: 'POST', url: '/api/v1/incidents', headers: { authorization: `Bearer ${tokens.both.token}`, 'content-type': 'application/json' }, payload: '{"awareness":' })
  assert.equal(notJson.statusCode, 400)
  assert.equal((JSON.parse(notJson.body) as ErrorBody).error.message, 'The body is not valid JSON')
  const unknown = await call('GET', '/api/v1/no-such-thing')
  assert.equal(unknown.statusCode, 404)
  assert.match(String(unknown.headers['content-type']), /^application\/json/)
  const notAllowed = await call('POST', `/api/v1/incidents/${id}/practice-review`, { body: { decidedOn: '2026-11-20' }, ifMatch: '"v1"' })
  assert.equal(notAllowed.statusCode, 409, 'a draft has no practice review: the lifecycle refuses the step')
  assert.equal(notAllowed.json<ErrorBody>().error.status, 409)
  await app.close()
})

forEachDatabase('API: incidents are listed a page at a time with total and next/prev links', async (database) => {
  const { app, call } = await apiApp(database)
  const first = (await call('GET', '/api/v1/incidents?pageSize=5')).json<{ items: { id: string }[]; total: number; page: number; links: Record<string, string> }>()
  assert.ok(first.total > 5, `the demo has ${first.total} COV cases`)
  assert.equal(first.items.length, 5)
  assert.equal(first.links.next, '/api/v1/incidents?page=2&pageSize=5')
  assert.equal(first.links.prev, undefined)
  const second = (await call('GET', first.links.next ?? '')).json<{ items: { id: string }[]; links: Record<string, string> }>()
  assert.equal(second.links.prev, '/api/v1/incidents?page=1&pageSize=5')
  assert.ok(!second.items.some((i) => first.items.some((f) => f.id === i.id)), 'pages do not overlap')
  const all = (await call('GET', '/api/v1/incidents?pageSize=100')).json<{ items: unknown[]; total: number }>()
  assert.equal(all.items.length, all.total)
  const drafts = (await call('GET', '/api/v1/incidents?status=closed')).json<{ items: { status: string }[] }>()
  assert.ok(drafts.items.every((i) => i.status === 'closed'))
  await app.close()
})

forEachDatabase('API: the rate limit is per token and answers JSON 429', async (database) => {
  const { app, services } = await apiApp(database, (instance, _services) => {
    void instance.register(async (limited) => apiV1(limited, { services: _services, routes: apiRoutes(_services), rateLimit: { max: 3, timeWindow: '1 minute' } }), { prefix: '/api/limited' })
  })
  const one = caller(app, (await tokenFor(services, 'COV', ['read'], 'first')).token)
  const two = caller(app, (await tokenFor(services, 'COV', ['read'], 'second')).token)
  for (let i = 0; i < 3; i++) assert.equal((await one('GET', '/api/limited/clocks')).statusCode, 200)
  const limited = await one('GET', '/api/limited/clocks')
  assert.equal(limited.statusCode, 429)
  assert.equal(limited.json<ErrorBody>().error.status, 429)
  assert.ok(limited.headers['retry-after'])
  assert.equal((await two('GET', '/api/limited/clocks')).statusCode, 200, 'another token has its own allowance')
  await app.close()
})

forEachDatabase('API: API_REQUESTS_PER_MINUTE sets each token\'s limit on the real routes', async (database) => {
  const { app, services } = await testApp(database, { apiRequestsPerMinute: 2 })
  const call = caller(app, (await tokenFor(services, 'COV', ['read'])).token)
  assert.deepEqual([(await call('GET', '/api/v1/clocks')).statusCode, (await call('GET', '/api/v1/clocks')).statusCode, (await call('GET', '/api/v1/clocks')).statusCode], [200, 200, 429])
  await app.close()
})
