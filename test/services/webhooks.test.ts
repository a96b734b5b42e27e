import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import type { WebhookPayload } from '../../src/domain/webhooks/index.js'
import { verifySignature } from '../../src/services/webhook-signing.js'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/services/webhook-deliveries.js'
import { createServices, testClock } from '../../src/services/index.js'
import { DEMO } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'
import { actorFor, CHILD, recordIncident, SECTIONS } from '../helpers/incidents.js'
import { demoAt } from '../helpers/reminders.js'
import { addEndpoint, deliverySettings, startReceiver } from '../helpers/webhooks.js'

const NOW = '2026-11-24T09:00:00.000Z'
const ALL = ['incident.recorded', 'decision.made', 'notification.sent', 'clock.overdue']

forEachDatabase('events are delivered signed with the endpoint’s secret, carrying no child’s details', async (database, t) => {
  const receiver = await startReceiver()
  t.after(() => receiver.close())
  const { services, clock } = await demoAt(database, NOW)
  const { secret } = await addEndpoint(services, receiver.url, ALL)
  const recorder = await actorFor(services, DEMO.practitioner)
  const owner = await actorFor(services, DEMO.decisionOwner)
  const incident = await recordIncident(services, recorder)
  const decided = await services.decisions.recordDecision(owner, incident.id, incident.version, { decision: 'notify', rationale: 'Serious harm, abuse suspected (fictional)' })
  assert.ok(decided.ok)
  clock.advance(60_000)

  const result = await services.webhookDeliveries(deliverySettings()).tick()
  assert.deepEqual(result, { enqueued: 2, delivered: 2, retrying: 0, failed: 0 })
  const payloads = receiver.received.map((r) => {
    const timestamp = String(r.headers[TIMESTAMP_HEADER])
    assert.ok(verifySignature(secret, timestamp, r.body, String(r.headers[SIGNATURE_HEADER]), clock().getTime() / 1000), 'the signature verifies with the secret')
    assert.ok(!verifySignature('whsec_wrong', timestamp, r.body, String(r.headers[SIGNATURE_HEADER]), clock().getTime() / 1000))
    return JSON.parse(r.body) as WebhookPayload
  })
  assert.deepEqual(payloads.map((p) => [p.type, p.authority, p.incident.reference, p.incident.link]), [
    ['incident.recorded', 'COV', incident.reference, `https://sin.example.gov.uk/incidents/${incident.id}`],
    ['decision.made', 'COV', incident.reference, `https://sin.example.gov.uk/incidents/${incident.id}`],
  ])
  assert.equal(payloads[1]?.detail, 'notify')
  for (const r of receiver.received) {
    for (const personal of [CHILD.name, SECTIONS.incident.outline, SECTIONS.safeguarding.actionTaken, 'Serious harm, abuse suspected']) assert.ok(!r.body.includes(personal), `no "${personal}" in ${r.body}`)
    assert.deepEqual(Object.keys(JSON.parse(r.body) as object).sort(), ['authority', 'id', 'incident', 'occurredAt', 'type', ...(r.body.includes('"detail"') ? ['detail'] : [])].sort())
  }

  assert.deepEqual(await services.webhookDeliveries(deliverySettings()).tick(), { enqueued: 0, delivered: 0, retrying: 0, failed: 0 }, 'nothing is sent twice')
})

forEachDatabase('a failing receiver is retried with doubling waits, then the delivery is marked failed and audited', async (database, t) => {
  const receiver = await startReceiver(() => ({ status: 500 }))
  t.after(() => receiver.close())
  const { services, clock } = await demoAt(database, NOW)
  const { id, admin, authorityId } = await addEndpoint(services, receiver.url, ['incident.recorded'])
  await recordIncident(services, await actorFor(services, DEMO.practitioner), { submit: false })
  const deliveries = services.webhookDeliveries(deliverySettings({ maxAttempts: 3, retryBaseMs: 60_000 }))

  assert.deepEqual(await deliveries.tick(), { enqueued: 1, delivered: 0, retrying: 1, failed: 0 })
  clock.advance(59_000)
  assert.deepEqual(await deliveries.tick(), { enqueued: 0, delivered: 0, retrying: 0, failed: 0 }, 'not before the first wait (1 minute)')
  clock.advance(1_000)
  assert.deepEqual(await deliveries.tick(), { enqueued: 0, delivered: 0, retrying: 1, failed: 0 })
  clock.advance(119_000)
  assert.deepEqual(await deliveries.tick(), { enqueued: 0, delivered: 0, retrying: 0, failed: 0 }, 'the second wait is 2 minutes')
  clock.advance(1_000)
  assert.deepEqual(await deliveries.tick(), { enqueued: 0, delivered: 0, retrying: 0, failed: 1 })
  clock.advance(86_400_000)
  assert.deepEqual(await deliveries.tick(), { enqueued: 0, delivered: 0, retrying: 0, failed: 0 }, 'a failed delivery is not tried again')
  assert.equal(receiver.received.length, 3)

  const log = await services.webhooks({ production: false }).deliveryLog(admin, authorityId, id)
  assert.ok(log.ok)
  assert.deepEqual(log.attempts.map((a) => [a.attempt, a.statusCode, a.error, a.deliveryStatus]), [[3, 500, 'http_500', 'failed'], [2, 500, 'http_500', 'failed'], [1, 500, 'http_500', 'failed']])
  const trail = await database.db.selectFrom('audit_entries').select(['action', 'outcome']).where('record_id', '=', id).orderBy('seq').execute()
  assert.deepEqual(trail.map((e) => e.action), ['webhook.added', 'webhook.failed'])
  assert.ok(!JSON.stringify(trail).includes('whsec_'), 'the secret is never audited')
})

forEachDatabase('two ticks at once enqueue and deliver each event exactly once', async (database, t) => {
  const receiver = await startReceiver()
  t.after(() => receiver.close())
  const { services } = await demoAt(database, NOW)
  await addEndpoint(services, receiver.url, ALL)
  const recorder = await actorFor(services, DEMO.practitioner)
  for (let i = 0; i < 3; i += 1) await recordIncident(services, recorder, { submit: false })
  const [a, b] = await Promise.all([services.webhookDeliveries(deliverySettings()).tick(), services.webhookDeliveries(deliverySettings()).tick()])
  assert.equal(a.enqueued + b.enqueued, 3)
  assert.equal(a.delivered + b.delivered, 3)
  assert.equal(receiver.received.length, 3)
  assert.equal(new Set(receiver.received.map((r) => (JSON.parse(r.body) as WebhookPayload).id)).size, 3)
  const rows = await database.db.selectFrom('webhook_deliveries').select(['event_id', 'status']).execute()
  assert.deepEqual(rows.map((r) => r.status), ['delivered', 'delivered', 'delivered'])
})

forEachDatabase('disabled endpoints, other events and other authorities’ endpoints get nothing; enabling again starts from then', async (database, t) => {
  const receiver = await startReceiver()
  t.after(() => receiver.close())
  const { services } = await demoAt(database, NOW)
  const mine = await addEndpoint(services, `${receiver.url}/cov`, ALL)
  const off = await addEndpoint(services, `${receiver.url}/off`, ALL)
  await addEndpoint(services, `${receiver.url}/decisions-only`, ['decision.made'])
  await addEndpoint(services, `${receiver.url}/demo-borough`, ALL, 'DEMO')
  assert.ok((await services.webhooks({ production: false }).setEnabled(mine.admin, mine.authorityId, off.id, false)).ok)
  await recordIncident(services, await actorFor(services, DEMO.practitioner), { submit: false })
  await services.webhookDeliveries(deliverySettings()).tick()
  assert.deepEqual(receiver.received.map((r) => r.path), ['/hooks/cov'])

  const demoBorough = await services.authorities.getByCode('DEMO')
  const theirs = await services.incidents.start(await actorFor(services, DEMO.otherAuthorityPractitioner, 'DEMO'), demoBorough?.id ?? '', { awareDate: '2026-11-23', source: 'hospital' })
  assert.ok(theirs.ok)
  await services.webhookDeliveries(deliverySettings()).tick()
  assert.deepEqual(receiver.received.map((r) => r.path), ['/hooks/cov', '/hooks/demo-borough'], 'each authority hears only of its own cases')
  assert.equal((JSON.parse(receiver.received[1]?.body ?? '{}') as WebhookPayload).authority, 'DEMO')

  assert.ok((await services.webhooks({ production: false }).setEnabled(mine.admin, mine.authorityId, off.id, true)).ok)
  await services.webhookDeliveries(deliverySettings()).tick()
  assert.deepEqual(receiver.received.map((r) => r.path), ['/hooks/cov', '/hooks/demo-borough'], 'events from while it was disabled are not sent late')
})

forEachDatabase('a clock that becomes overdue is delivered once, with the clock’s name and due date', async (database, t) => {
  const receiver = await startReceiver()
  t.after(() => receiver.close())
  const { services, clock } = await demoAt(database, NOW)
  await addEndpoint(services, receiver.url, ['clock.overdue'])
  const paused = await addEndpoint(services, `${receiver.url}/paused`, ['clock.overdue'])
  const webhooks = services.webhooks({ production: false })
  assert.ok((await webhooks.setEnabled(paused.admin, paused.authorityId, paused.id, false)).ok)
  const incident = await recordIncident(services, await actorFor(services, DEMO.practitioner), { awareDate: '2026-11-23' })
  const deliveries = services.webhookDeliveries(deliverySettings())
  await deliveries.tick()
  const before = receiver.received.length
  clock.set('2026-12-02T09:00:00.000Z') // the decision was due 5 working days after 23 November: 30 November
  assert.ok((await webhooks.setEnabled(paused.admin, paused.authorityId, paused.id, true)).ok)
  await deliveries.tick()
  await deliveries.tick()
  assert.ok(!receiver.received.some((r) => r.path === '/hooks/paused'), 'clocks overdue before it was enabled again are not sent')
  const mine = receiver.received.slice(before).map((r) => JSON.parse(r.body) as WebhookPayload).filter((p) => p.incident.id === incident.id)
  assert.equal(mine.length, 1)
  assert.equal(mine[0]?.type, 'clock.overdue')
  assert.equal(mine[0]?.clock?.dueDate, '2026-11-30')
  assert.match(mine[0]?.clock?.name ?? '', /decision/)
  assert.ok(!receiver.received.some((r) => r.body.includes(CHILD.name)))
})

forEachDatabase('redirects are not followed; private addresses are refused when not allowed', async (database, t) => {
  const target = await startReceiver()
  const redirecting = await startReceiver(() => ({ status: 302, headers: { location: target.url } }))
  t.after(async () => {
    await target.close()
    await redirecting.close()
  })
  const { services } = await demoAt(database, NOW)
  const { id, admin, authorityId } = await addEndpoint(services, redirecting.url, ['incident.recorded'])
  await recordIncident(services, await actorFor(services, DEMO.practitioner), { submit: false })
  assert.equal((await services.webhookDeliveries(deliverySettings()).tick()).retrying, 1)
  assert.equal(target.received.length, 0)
  const firstError = async (endpointId: string) => {
    const log = await services.webhooks({ production: false }).deliveryLog(admin, authorityId, endpointId)
    return log.ok ? log.attempts.map((a) => a.error) : log.reason
  }
  assert.deepEqual(await firstError(id), ['redirect_not_followed'])
  const blocked = await addEndpoint(services, target.url, ['incident.recorded'])
  await recordIncident(services, await actorFor(services, DEMO.practitioner), { submit: false })
  await services.webhookDeliveries(deliverySettings({ allowPrivateAddresses: false })).tick()
  assert.equal(target.received.length, 0)
  assert.deepEqual(await firstError(blocked.id), ['blocked_address'])
})

test('an admin of one authority cannot manage another’s endpoints', async () => {
  const { withTestDatabase } = await import('../helpers/databases.js')
  await withTestDatabase('sqlite', async (database) => {
    const { services } = await demoAt(database, NOW)
    const other = await addEndpoint(services, 'https://receiver.example/hooks', ALL, 'DEMO')
    const admin = await actorFor(services, DEMO.admin)
    const webhooks = services.webhooks({ production: false })
    assert.deepEqual(await webhooks.rotateSecret(admin, other.authorityId, other.id), { ok: false, reason: 'forbidden' })
    assert.deepEqual(await webhooks.list(admin, other.authorityId), { ok: false, reason: 'forbidden' })
    const cov = await services.authorities.getByCode('COV')
    assert.deepEqual(await webhooks.setEnabled(admin, cov?.id ?? '', other.id, false), { ok: false, reason: 'not-found' })
  })
})

forEachDatabase('with WEBHOOK_SECRET_KEY the secret is sealed at rest; without the key nothing is sent unsigned', async (database, t) => {
  const receiver = await startReceiver()
  t.after(() => receiver.close())
  const clock = testClock(NOW)
  const services = createServices(database, { now: clock, webhookSecretKey: randomBytes(32).toString('base64') })
  await services.loadDemo()
  const { id, secret, admin, authorityId } = await addEndpoint(services, receiver.url, ['incident.recorded'])
  const stored = await database.db.selectFrom('webhook_endpoints').select('secret').where('id', '=', id).executeTakeFirstOrThrow()
  assert.match(stored.secret, /^aes256gcm:/)
  assert.ok(!stored.secret.includes(secret.slice(6)))
  await recordIncident(services, await actorFor(services, DEMO.practitioner), { submit: false })
  await services.webhookDeliveries(deliverySettings()).tick()
  const delivered = receiver.received[0]
  assert.ok(delivered && verifySignature(secret, String(delivered.headers[TIMESTAMP_HEADER]), delivered.body, String(delivered.headers[SIGNATURE_HEADER]), clock().getTime() / 1000))

  clock.advance(1_000)
  const keyless = createServices(database, { now: clock })
  await recordIncident(keyless, await actorFor(keyless, DEMO.practitioner), { submit: false })
  await keyless.webhookDeliveries(deliverySettings()).tick()
  assert.equal(receiver.received.length, 1)
  const log = await keyless.webhooks({ production: false }).deliveryLog(admin, authorityId, id)
  assert.ok(log.ok)
  assert.equal(log.attempts[0]?.error, 'secret_unavailable')
})

forEachDatabase('a delivery left "sending" by a stopped process is sent again after ten minutes, not before', async (database, t) => {
  const receiver = await startReceiver()
  t.after(() => receiver.close())
  const { services, clock } = await demoAt(database, NOW)
  await addEndpoint(services, receiver.url, ['incident.recorded'])
  await recordIncident(services, await actorFor(services, DEMO.practitioner), { submit: false })
  const deliveries = services.webhookDeliveries(deliverySettings())
  await deliveries.tick()
  // As if the process had stopped between claiming the delivery and recording the attempt.
  await database.db.updateTable('webhook_deliveries').set({ status: 'sending', updated_at: clock().toISOString() }).execute()
  clock.advance(9 * 60_000)
  assert.equal((await deliveries.tick()).delivered, 0)
  clock.advance(2 * 60_000)
  assert.equal((await deliveries.tick()).delivered, 1)
  assert.equal(receiver.received.length, 2, 'at least once: receivers drop repeats by X-SIN-Event-Id')
  assert.equal(receiver.received[0]?.headers['x-sin-event-id'], receiver.received[1]?.headers['x-sin-event-id'])
})
