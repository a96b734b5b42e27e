// What the API fuzzer (test/security/api-fuzz.test.ts) found, each pinned down here: Fastify's
// own refusals before routing answered in its format without nosniff; a notification for three
// children has an id longer than the router took (414), so its pack could not be read nor its
// sending recorded; a refused notification pack was recorded in the audit trail as a view; a
// child could be changed on a record the lifecycle had locked; and text holding NUL (U+0000)
// failed PostgreSQL's queries (500) where SQLite answered.
import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { apiApp, RECORD } from '../../../../test/helpers/api.js'

type ErrorBody = { error: { status: number; message: string; fields?: { field: string; message: string }[] } }

forEachDatabase('API: a malformed URL or an over-long path segment answers the API’s JSON error with nosniff', async (database) => {
  const { app, call } = await apiApp(database)
  for (const [url, status] of [[`/api/v1/incidents/${'x'.repeat(2_001)}`, 414], ['/api/v1/incidents/%E0%A4%A', 400]] as const) {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await call(method, url)
      assert.equal(response.statusCode, status, `${method} ${url.slice(0, 40)}`)
      assert.equal(response.headers['x-content-type-options'], 'nosniff')
      assert.match(String(response.headers['content-type']), /^application\/json/)
      if (method === 'GET') {
        const { error } = response.json<ErrorBody>()
        assert.equal(error.status, status)
        assert.equal(error.fields?.[0]?.field, 'path')
      }
    }
  }
  await app.close()
})

forEachDatabase('API: a notification for three children (an id over 100 characters) can be read and recorded as sent', async (database) => {
  const { app, call } = await apiApp(database)
  const started = await call('POST', '/api/v1/incidents', { body: { awareness: RECORD.awareness } })
  const { id } = started.json<{ id: string }>()
  let etag = String(started.headers.etag)
  const step = async (method: string, url: string, body: unknown) => {
    const response = await call(method, `/api/v1/incidents/${id}${url}`, { body, ifMatch: etag })
    assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`)
    etag = String(response.headers.etag)
    return response
  }
  await step('PATCH', '', { incident: RECORD.incident, abuse: RECORD.abuse, safeguarding: RECORD.safeguarding })
  for (const name of ['Child One Demo', 'Child Two Demo', 'Child Three Demo']) await step('POST', '/children', { ...RECORD.child, name, siblingGroup: 'A' })
  await step('POST', '/submission', {})
  await step('POST', '/decisions', { decision: 'notify', rationale: 'Meets the criteria (fictional)' })
  const owed = (await call('GET', `/api/v1/incidents/${id}/notifications`)).json<{ notifications: { id: string; kind: string }[] }>().notifications
  const serious = owed.find((n) => n.kind === 'serious_incident')
  assert.ok(serious && serious.id.length > 100, `one notification for the three children: ${JSON.stringify(owed)}`)
  const path = `/notifications/${encodeURIComponent(serious.id)}`
  const pack = await call('GET', `/api/v1/incidents/${id}${path}/pack?justification=Completing%20the%20form%20(fictional)`)
  assert.equal(pack.statusCode, 200, pack.body)
  await step('POST', `${path}/submission`, { sentAt: '2026-11-24T08:30:00.000Z', nationalReference: 'SIN-TEST-0003', sentBy: 'Business unit (fictional)' })
  await app.close()
})

forEachDatabase('API: a notification pack refused as not found records no view of the case', async (database) => {
  const { app, call } = await apiApp(database)
  const db = database.db
  const { clocks } = (await call('GET', '/api/v1/clocks')).json<{ clocks: { incidentId: string }[] }>()
  const incidentId = clocks[0]?.incidentId ?? ''
  const audited = async () => (await db.selectFrom('audit_entries').select(['action', 'outcome']).where('record_id', '=', incidentId).orderBy('seq').execute()).map((e) => `${e.action} ${e.outcome}`)
  const owed = (await call('GET', `/api/v1/incidents/${incidentId}/notifications`)).json<{ notifications: { id: string }[] }>().notifications
  const before = await audited()
  const refused = await call('GET', `/api/v1/incidents/${incidentId}/notifications/serious_incident:no-such-child/pack?justification=Checking%20(fictional)`)
  assert.equal(refused.statusCode, 404)
  assert.deepEqual((await audited()).slice(before.length), [], 'nothing was shown, so nothing is recorded as viewed')
  const shown = await call('GET', `/api/v1/incidents/${incidentId}/notifications/${encodeURIComponent(owed[0]?.id ?? '')}/pack?justification=Checking%20(fictional)`)
  assert.equal(shown.statusCode, 200, shown.body)
  // The view's entry joins a batch committed just after the disclosure's transaction (src/services/view-entries.ts).
  assert.deepEqual((await audited()).slice(before.length), ['notification.pack-disclosed done: serious_incident', 'record.viewed done: notification pack'], 'a pack shown is recorded as a disclosure and a view')
  await app.close()
})

forEachDatabase('API: once the lifecycle locks the record, adding or changing a child is refused (409) and nothing about the children is stored', async (database) => {
  const { app, call } = await apiApp(database)
  const db = database.db
  const { items } = (await call('GET', '/api/v1/incidents?pageSize=1&status=notification_sent')).json<{ items: { id: string }[] }>()
  const id = items[0]?.id ?? ''
  const children = () => db.selectFrom('incident_children').selectAll().where('incident_id', '=', id).orderBy('id').execute()
  const before = await children()
  assert.ok(before[0], 'the notified case has a child')
  const etag = String((await call('GET', `/api/v1/incidents/${id}`)).headers.etag)
  const added = await call('POST', `/api/v1/incidents/${id}/children`, { ifMatch: etag, body: { ...RECORD.child, name: 'Added Late Demo' } })
  const changed = await call('PUT', `/api/v1/incidents/${id}/children/${before[0].id}`, { ifMatch: etag, body: { ...RECORD.child, name: 'Changed Late Demo' } })
  for (const response of [added, changed]) assert.equal(response.statusCode, 409, response.body)
  assert.deepEqual(await children(), before)
  await app.close()
})

forEachDatabase('API: text holding the NUL character is refused (400) naming the field, in the path, the query and the body alike', async (database) => {
  const { app, call, tokens } = await apiApp(database)
  const { items } = (await call('GET', '/api/v1/incidents?pageSize=1&status=notification_sent')).json<{ items: { id: string }[] }>()
  const id = items[0]?.id ?? ''
  const owed = (await call('GET', `/api/v1/incidents/${id}/notifications`)).json<{ notifications: { id: string }[] }>().notifications
  const etag = String((await call('GET', `/api/v1/incidents/${id}`)).headers.etag)
  const deep = `${'['.repeat(45_000)}"\u0000"${']'.repeat(45_000)}`
  const cases = [
    { method: 'GET', url: '/api/v1/incidents/a%00b/decisions', field: 'incidentId' },
    { method: 'GET', url: `/api/v1/incidents/${id}/notifications/${encodeURIComponent(owed[0]?.id ?? '')}/pack?justification=why%00`, field: 'justification' },
    { method: 'POST', url: `/api/v1/incidents/${id}/actions`, body: { source: 'rapid_review', description: 'Share\u0000', agencies: ['police'], ownerAgency: 'police', ownerPerson: 'Lead (fictional)', dueOn: '2027-01-29' }, field: 'description' },
    { method: 'POST', url: '/api/v1/assessments', body: { awareDate: '2026-11-23', child: { 'a\u0000': true } }, field: 'child.a\u0000' },
  ]
  for (const { method, url, body, field } of cases) {
    const response = await call(method, url, { ifMatch: etag, ...(body ? { body } : {}) })
    assert.equal(response.statusCode, 400, `${method} ${url}: ${response.body}`)
    assert.deepEqual(response.json<ErrorBody>().error.fields?.map((f) => f.field), [field])
  }
  const nested = await app.inject({ method: 'POST', url: '/api/v1/assessments', headers: { authorization: `Bearer ${tokens.both.token}`, 'content-type': 'application/json' }, payload: deep })
  assert.equal(nested.statusCode, 400, nested.body.slice(0, 200))
  await app.close()
})
