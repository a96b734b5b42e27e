import assert from 'node:assert/strict'
import { forEachDatabase } from '../helpers/databases.js'
import { actorFor, recordIncident } from '../helpers/incidents.js'
import { demoAt, outboxOf, recordingSender, settingsWith } from '../helpers/reminders.js'
import { SEND_ATTEMPTS } from '../../src/services/reminders.js'
import { awaitingDecision } from '../../src/services/reminders-due.js'

const LONDON_MORNING = 'T09:00:00.000Z'

forEachDatabase('alerts at once, then reminders on fixed dates: 2 working days before, the due day, overdue', async (database) => {
  const { clock, services } = await demoAt(database, `2026-12-23${LONDON_MORNING}`)
  const practitioner = await actorFor(services, 'practitioner@demo.example')
  const { id, reference } = await recordIncident(services, practitioner, { awareDate: '2026-12-23', incident: { incidentDate: '2026-12-22' } })
  const sender = recordingSender()
  // The decision's clock alone: the demo's decided cases have clocks of their own (reminders-running-clocks.test.ts).
  const reminders = services.reminders(settingsWith(sender, { sources: [awaitingDecision] }))
  const kindsOn = async (date: string) => {
    clock.set(`${date}${LONDON_MORNING}`)
    await reminders.tick()
    return (await outboxOf(database, id)).map((row) => `${row.kind} ${row.recipient}`)
  }

  const alerted = await kindsOn('2026-12-23')
  assert.deepEqual(alerted.sort(), ['alert coventrycscp@coventry.gov.uk', 'alert decision-owner.coventry@example.org', 'alert decision-owner@demo.example'])
  const alert = sender.sent.find((e) => e.subject.includes(reference))
  assert.ok(alert)
  assert.equal(alert.subject, `New case ${reference} needs a decision by Monday 4 January 2027`)
  assert.doesNotMatch(alert.body, /Child Test Demo/)
  assert.match(alert.body, new RegExp(`https://sin.example.gov.uk/incidents/${id}`))

  assert.equal((await kindsOn('2026-12-29')).length, 3, 'nothing new before 2 working days ahead')
  assert.equal((await kindsOn('2026-12-30')).filter((k) => k.startsWith('reminder')).length, 2)
  assert.equal((await kindsOn('2027-01-01')).length, 5, 'a bank holiday brings nothing new')
  assert.equal((await kindsOn('2027-01-04')).filter((k) => k.startsWith('due_today')).length, 2)
  const overdue = (await kindsOn('2027-01-05')).filter((k) => k.startsWith('overdue')).sort()
  assert.deepEqual(overdue, ['overdue business-unit@demo.example', 'overdue decision-owner.coventry@example.org', 'overdue decision-owner@demo.example'])

  const again = await reminders.tick()
  assert.equal(again.alertsSent + again.remindersSent, 0, 'a second tick the same day sends nothing')
  assert.ok(again.alreadySent > 0)

  const decided = await database.db
    .selectFrom('email_outbox').innerJoin('incidents', 'incidents.id', 'email_outbox.incident_id')
    .select('incidents.status').where('incidents.status', 'like', 'decided%').execute()
  assert.deepEqual(decided, [], 'no email about an incident already decided')
  const audit = await database.db.selectFrom('audit_entries').select(['action']).where('record_id', '=', id).where('action', 'like', 'email.%').execute()
  assert.equal(audit.filter((a) => a.action === 'email.claimed').length, 10)
  assert.equal(audit.filter((a) => a.action === 'email.sent').length, 10)
})

forEachDatabase('two schedulers ticking at once send each email exactly once', async (database) => {
  const { services } = await demoAt(database, `2026-11-24${LONDON_MORNING}`)
  const first = recordingSender()
  const second = recordingSender()
  const [a, b] = await Promise.all([services.reminders(settingsWith(first)).tick(), services.reminders(settingsWith(second)).tick()])
  const rows = await database.db.selectFrom('email_outbox').select(['delivery_key']).execute()
  assert.ok(rows.length > 0)
  assert.equal(first.sent.length + second.sent.length, rows.length, 'one send per delivery key')
  assert.equal(a.alertsSent + a.remindersSent + b.alertsSent + b.remindersSent, rows.length)
  assert.equal(new Set(first.sent.map((e) => e.reference)).size + new Set(second.sent.map((e) => e.reference)).size, rows.length)
})

forEachDatabase('a failed send is retried with backoff, then reported as failed, logged without personal data', async (database) => {
  const { clock, services } = await demoAt(database, `2026-11-24${LONDON_MORNING}`)
  const sender = recordingSender(Number.POSITIVE_INFINITY)
  const logged: object[] = []
  const reminders = services.reminders(settingsWith(sender, { log: (details) => logged.push(details) }))
  const firstTick = await reminders.tick()
  assert.ok(firstTick.failed > 0)
  const waiting = await database.db.selectFrom('email_outbox').selectAll().execute()
  assert.ok(waiting.every((row) => row.status === 'retry' && row.last_error === 'ECONNREFUSED' && row.attempts === 1))
  for (let attempt = 2; attempt <= SEND_ATTEMPTS; attempt += 1) {
    clock.advance(60_000 * 2 ** (attempt - 2) - 1000)
    assert.equal((await reminders.tick()).failed, 0, 'not before the backoff')
    clock.advance(1000)
    assert.equal((await reminders.tick()).failed, waiting.length)
  }
  const gaveUp = await database.db.selectFrom('email_outbox').selectAll().execute()
  assert.ok(gaveUp.every((row) => row.status === 'failed' && row.attempts === SEND_ATTEMPTS))
  assert.equal(logged.length, waiting.length * SEND_ATTEMPTS)
  assert.doesNotMatch(JSON.stringify(logged), /@/, 'no address in the log')
  clock.advance(3_600_000)
  assert.equal((await reminders.tick()).failed, 0, 'a failed email is not retried for ever')
})

forEachDatabase('a send that fails once is sent on the retry', async (database) => {
  const { clock, services } = await demoAt(database, `2026-11-24${LONDON_MORNING}`)
  const sender = recordingSender(1)
  const reminders = services.reminders(settingsWith(sender))
  const first = await reminders.tick()
  assert.equal(first.failed, 1)
  clock.advance(60_000)
  const second = await reminders.tick()
  assert.equal(second.failed, 0)
  assert.equal(second.alertsSent + second.remindersSent, 1)
  const statuses = await database.db.selectFrom('email_outbox').select('status').distinct().execute()
  assert.deepEqual(statuses.map((s) => s.status), ['sent'])
})

forEachDatabase('the daily digest goes once a working day to each decision owner and business unit user', async (database) => {
  const { services } = await demoAt(database, `2026-11-24${LONDON_MORNING}`)
  const sender = recordingSender()
  const reminders = services.reminders(settingsWith(sender, { dailyDigest: true }))
  await reminders.tick()
  await reminders.tick()
  const digests = sender.sent.filter((e) => / cases? needs? action/.test(e.subject))
  assert.deepEqual(digests.map((d) => d.to).sort(), ['business-unit@demo.example', 'decision-owner@demo.example'])
  assert.match(digests[0]?.body ?? '', /COV-2026-\d{4}: /)
})
