import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'

const ALL = ['incident.recorded', 'decision.made', 'notification.sent', 'clock.overdue']

forEachDatabase('an admin adds an endpoint, sees the secret once, rotates it and disables the endpoint; all audited', async (database) => {
  const { app, browser } = await testApp(database)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  assert.match((await admin.get('/settings')).body, /href="\/settings\/webhooks"/)
  assert.match((await admin.get('/settings/webhooks')).body, /There are no webhook endpoints/)

  await admin.get('/settings/webhooks/new')
  const added = await admin.post('/settings/webhooks/new', { url: 'https://cases.example.gov.uk/hooks', events: 'incident.recorded' })
  assert.equal(added.statusCode, 200)
  assert.equal(added.headers['cache-control'], 'no-store')
  const secret = /id="secret">(whsec_[A-Za-z0-9_-]+)</.exec(added.body)?.[1]
  assert.ok(secret, 'the secret is shown')

  const list = await admin.get('/settings/webhooks')
  assert.match(list.body, /https:\/\/cases.example.gov.uk\/hooks/)
  assert.ok(!list.body.includes(secret), 'and never again')
  const endpointId = /href="\/settings\/webhooks\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? ''
  const page = await admin.get(`/settings/webhooks/${endpointId}`)
  assert.match(page.body, /Nothing has been sent to this endpoint yet/)
  assert.ok(!page.body.includes(secret))

  const rotated = await admin.post(`/settings/webhooks/${endpointId}/rotate`)
  const second = /id="secret">(whsec_[A-Za-z0-9_-]+)</.exec(rotated.body)?.[1]
  assert.ok(second && second !== secret)
  await admin.get(`/settings/webhooks/${endpointId}`)
  assert.equal((await admin.post(`/settings/webhooks/${endpointId}/disable`)).statusCode, 303)
  assert.match((await admin.get(`/settings/webhooks/${endpointId}`)).body, /Enable endpoint/)

  const trail = await database.db.selectFrom('audit_entries').select(['action', 'outcome', 'actor']).where('record_id', '=', endpointId).orderBy('seq').execute()
  assert.deepEqual(trail.map((e) => [e.action, e.actor]), [['webhook.added', DEMO.admin], ['webhook.secret-rotated', DEMO.admin], ['webhook.disabled', DEMO.admin]])
  assert.ok(!JSON.stringify(trail).includes('whsec_'))
  await app.close()
})

forEachDatabase('the form names each problem in an error summary and keeps what was typed', async (database) => {
  const { app, browser } = await testApp(database)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  await admin.get('/settings/webhooks/new')
  const empty = await admin.post('/settings/webhooks/new', {})
  assert.equal(empty.statusCode, 400)
  assert.match(empty.body, /There is a problem/)
  assert.match(empty.body, /href="#url">Enter the address deliveries are sent to/)
  assert.match(empty.body, /href="#events">Select the events to send/)
  const insecure = await admin.post('/settings/webhooks/new', { url: 'http://cases.example.gov.uk/hooks', events: 'clock.overdue' })
  assert.equal(insecure.statusCode, 400)
  assert.match(insecure.body, /Address must start with https:\/\/ \(http:\/\/ is allowed only to localhost or 127.0.0.1\)/)
  assert.match(insecure.body, /value="http:\/\/cases.example.gov.uk\/hooks"/)
  assert.match(insecure.body, /value="clock.overdue" checked/)
  assert.equal((await admin.post('/settings/webhooks/new', { url: 'https://x.example/', events: 'not.an.event' })).statusCode, 400)
  for (let i = 0; i < 5; i += 1) assert.equal((await admin.post('/settings/webhooks/new', { url: `https://x${i}.example/`, events: ALL[i % 4] ?? '' })).statusCode, 200)
  const sixth = await admin.post('/settings/webhooks/new', { url: 'https://x6.example/', events: 'decision.made' })
  assert.equal(sixth.statusCode, 400)
  assert.match(sixth.body, /up to 5 endpoints/)
  await app.close()
})

forEachDatabase('production refuses http even to localhost; only admins reach the pages; another authority’s endpoint is 404', async (database) => {
  const { app, browser, services } = await testApp(database, { production: true })
  const admin = browser()
  await admin.signIn(DEMO.admin)
  await admin.get('/settings/webhooks/new')
  const local = await admin.post('/settings/webhooks/new', { url: 'http://localhost:9000/hooks', events: 'decision.made' })
  assert.equal(local.statusCode, 400)
  assert.match(local.body, /Address must start with https:\/\//)

  const demo = await services.authorities.getByCode('DEMO')
  const theirs = await services.webhooks({ production: true }).add({ kind: 'system', name: 'operator' }, demo?.id ?? '', { url: 'https://demo.example/hooks', events: ALL })
  assert.ok(theirs.ok)
  assert.equal((await admin.get(`/settings/webhooks/${theirs.id}`)).statusCode, 404)
  await admin.get('/settings/webhooks')
  assert.equal((await admin.post(`/settings/webhooks/${theirs.id}/rotate`)).statusCode, 404)
  assert.equal((await admin.post(`/settings/webhooks/${theirs.id}/disable`)).statusCode, 404)

  for (const who of [DEMO.auditor, DEMO.decisionOwner]) {
    const other = browser()
    await other.signIn(who)
    assert.equal((await other.get('/settings/webhooks')).statusCode, 403, who)
  }
  await app.close()
})
