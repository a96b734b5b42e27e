// End to end over the API alone: an integrator's script from recording an incident to a completed
// learning action, with the ETag carried from each answer to the next request.
import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { apiApp, RECORD } from '../../../../test/helpers/api.js'

forEachDatabase('API: the whole case flow, from incident to completed action, over bearer tokens', async (database) => {
  const { app, call, tokens } = await apiApp(database)
  const started = await call('POST', '/api/v1/incidents', { body: { awareness: RECORD.awareness } })
  assert.equal(started.statusCode, 201, started.body)
  const { id } = started.json<{ id: string; reference: string }>()
  assert.equal(started.headers.location, `/api/v1/incidents/${id}`)
  let etag = String(started.headers.etag)
  const step = async (method: string, url: string, body: unknown, status = 200) => {
    const response = await call(method, url, { body, ifMatch: etag })
    assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`)
    assert.notEqual(response.headers.etag, etag, 'each change moves the ETag on')
    etag = String(response.headers.etag)
    return response
  }
  await step('PATCH', `/api/v1/incidents/${id}`, { incident: RECORD.incident, abuse: RECORD.abuse, safeguarding: RECORD.safeguarding })
  const child = await step('POST', `/api/v1/incidents/${id}/children`, RECORD.child, 201)
  await step('PUT', `/api/v1/incidents/${id}/children/${child.json<{ childId: string }>().childId}`, { ...RECORD.child, approximateAge: 6 })
  await step('POST', `/api/v1/incidents/${id}/submission`, { comment: 'Sent by the case system (fictional)' })
  const read = await call('GET', `/api/v1/incidents/${id}`)
  assert.equal(read.json<{ status: string }>().status, 'awaiting_discussion')
  assert.equal(read.headers.etag, etag, 'GET answers the same ETag the last change gave')

  await step('POST', `/api/v1/incidents/${id}/decisions`, { decision: 'notify', rationale: 'Meets the criteria (fictional)', judgements: {} }, 200)
  const decisions = await call('GET', `/api/v1/incidents/${id}/decisions`)
  assert.equal(decisions.json<{ decisions: { decision: string }[] }>().decisions[0]?.decision, 'notify')

  const owed = await call('GET', `/api/v1/incidents/${id}/notifications`)
  const notifications = owed.json<{ notifications: { id: string; kind: string }[] }>().notifications
  const serious = notifications.find((n) => n.kind === 'serious_incident')
  assert.ok(serious, owed.body)
  const pack = await call('GET', `/api/v1/incidents/${id}/notifications/${encodeURIComponent(serious.id)}/pack?justification=${encodeURIComponent('Completing the national form')}`)
  assert.equal(pack.statusCode, 200, pack.body)
  await step('POST', `/api/v1/incidents/${id}/notifications/${encodeURIComponent(serious.id)}/submission`, { sentAt: '2026-11-24T08:30:00.000Z', nationalReference: 'SIN-TEST-0001', sentBy: 'Business unit (fictional)' })
  const review = await call('GET', `/api/v1/incidents/${id}/rapid-review`)
  assert.ok(review.json<{ rapidReview: { startedOn: string } | null }>().rapidReview?.startedOn, 'the serious incident notification starts the rapid review')
  assert.equal(review.headers.etag, etag)

  await step('POST', `/api/v1/incidents/${id}/rapid-review/requests`, { agency: 'police', contact: 'Records team (fictional)', requestedOn: '2026-11-24', workingDays: 5 })
  await step('POST', `/api/v1/incidents/${id}/actions`, { source: 'rapid_review', description: 'Share the learning (fictional)', agencies: ['authority', 'health'], ownerAgency: 'authority', ownerPerson: 'Learning lead (fictional)', dueOn: '2027-01-29' })
  const listed = await call('GET', `/api/v1/incidents/${id}/actions`)
  const action = listed.json<{ actions: { id: string; shownStatus: string }[] }>().actions[0]
  assert.equal(action?.shownStatus, 'open')
  await step('PATCH', `/api/v1/incidents/${id}/actions/${action.id}`, { status: 'complete', evidence: 'Briefing held (fictional)', completedOn: '2026-11-24' })
  const done = await call('GET', `/api/v1/incidents/${id}/actions`)
  assert.equal(done.json<{ actions: { shownStatus: string }[] }>().actions[0]?.shownStatus, 'complete')

  const clocks = await call('GET', `/api/v1/incidents/${id}/clocks`)
  assert.ok(clocks.json<{ clocks: unknown[] }>().clocks.length > 0)
  assert.equal((await call('GET', '/api/v1/clocks')).statusCode, 200)

  // The trail names the token (its name and id), never the token itself.
  const trail = await database.db.selectFrom('audit_entries').select(['actor', 'action']).where('record_id', '=', id).execute()
  assert.ok(trail.length > 10)
  assert.ok(trail.every((e) => e.actor === `API token "read+write token" (${tokens.both.id})`), JSON.stringify(trail.slice(0, 3)))
  assert.ok(!JSON.stringify(trail).includes(tokens.both.token))
  await app.close()
})

forEachDatabase('API: a token with only the write scope records a notification as sent (it need not also read the case)', async (database) => {
  const { app, call, tokens } = await apiApp(database)
  const decided = (await call('GET', '/api/v1/incidents?status=decided_notify', { token: tokens.read.token })).json<{ items: { id: string }[] }>().items[0]
  assert.ok(decided, 'the demo has a case decided to notify')
  const owed = await call('GET', `/api/v1/incidents/${decided.id}/notifications`, { token: tokens.read.token })
  const serious = owed.json<{ notifications: { id: string; kind: string }[] }>().notifications.find((n) => n.kind === 'serious_incident')
  assert.ok(serious, owed.body)
  const sent = await call('POST', `/api/v1/incidents/${decided.id}/notifications/${encodeURIComponent(serious.id)}/submission`, {
    token: tokens.write.token, ifMatch: String(owed.headers.etag), body: { sentAt: '2026-11-24T08:30:00.000Z', nationalReference: 'SIN-TEST-0002', sentBy: 'Business unit (fictional)', lateReason: 'Sent late (fictional)' },
  })
  assert.equal(sent.statusCode, 200, sent.body)
  const review = await call('GET', `/api/v1/incidents/${decided.id}/rapid-review`, { token: tokens.read.token })
  assert.ok(review.json<{ rapidReview: { startedOn: string } | null }>().rapidReview?.startedOn, 'recording it started the rapid review')
  await app.close()
})
