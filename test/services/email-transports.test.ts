// The real senders against real servers started here: an SMTP server (smtp-server) and a local
// stand-in for the GOV.UK Notify API driven through the real Notify client.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { SMTPServer } from 'smtp-server'
import { withTestDatabase } from '../helpers/databases.js'
import { actorFor, recordIncident } from '../helpers/incidents.js'
import { demoAt, settingsWith } from '../helpers/reminders.js'
import { notifySender, smtpSender, type EmailSender } from '../../src/services/email.js'
import type { Database } from '../../src/data/db.js'

const NOTIFY_KEY = `test_key-${'26785a09-ab16-4eb0-8407-a37497a57506'}-${'3d844edf-8d35-48ac-975b-e847b4f122b0'}`
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a'

/** Records one incident, runs a tick through `sender`, and answers the incident's reference. */
async function alertThrough(database: Database, sender: EmailSender): Promise<string> {
  const { services } = await demoAt(database, '2026-11-24T09:00:00.000Z')
  const practitioner = await actorFor(services, 'practitioner@demo.example')
  const { reference } = await recordIncident(services, practitioner)
  const result = await services.reminders(settingsWith(sender)).tick()
  assert.equal(result.failed, 0)
  return reference
}

test('an SMTP server receives the alert: recipients, subject, and a body with no child’s name', async () => {
  const received: { to: string[]; data: string }[] = []
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => { data += chunk.toString() })
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  try {
    const reference = await withTestDatabase('sqlite', (database) => alertThrough(database, smtpSender(`smtp://127.0.0.1:${port}`, 'sin@example.gov.uk')))
    const alerts = received.filter((r) => r.data.includes(reference))
    assert.deepEqual(alerts.flatMap((a) => a.to).sort(), ['coventrycscp@coventry.gov.uk', 'decision-owner.coventry@example.org', 'decision-owner@demo.example'])
    // Quoted-printable folds long lines with a soft break (=CRLF); unfold before reading.
    const one = (alerts[0]?.data ?? '').replace(/=\r?\n/g, '')
    assert.match(one, new RegExp(`Subject: New case ${reference} needs a decision by`))
    assert.match(one, /The 5 working day clock has already started/)
    assert.doesNotMatch(one, /Child Test Demo/)
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

test('a stand-in for the Notify API receives the alert through the real Notify client, with a JWT', async () => {
  const requests: { authorization: string | undefined; body: Record<string, unknown> }[] = []
  const server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => { text += chunk.toString() })
    request.on('end', () => {
      const ok = request.method === 'POST' && request.url === '/v2/notifications/email'
      requests.push({ authorization: request.headers.authorization, body: JSON.parse(text) as Record<string, unknown> })
      response.writeHead(ok ? 201 : 404, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ id: '740e5834-3a29-46b4-9a6f-16142fde533a', content: { subject: 's', body: 'b', from_email: 'f@example.gov.uk' } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const reference = await withTestDatabase('sqlite', (database) => alertThrough(database, notifySender(NOTIFY_KEY, TEMPLATE, `http://127.0.0.1:${port}`)))
    const alerts = requests.filter((r) => JSON.stringify(r.body).includes(reference))
    assert.equal(alerts.length, 3)
    for (const alert of alerts) {
      assert.match(alert.authorization ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT')
      assert.equal(alert.body.template_id, TEMPLATE)
      const personalisation = alert.body.personalisation as { subject: string; body: string }
      assert.match(personalisation.subject, new RegExp(`New case ${reference}`))
      assert.doesNotMatch(personalisation.body, /Child Test Demo/)
      assert.equal(typeof alert.body.reference, 'string')
    }
    assert.deepEqual(alerts.map((a) => a.body.email_address).sort(), ['coventrycscp@coventry.gov.uk', 'decision-owner.coventry@example.org', 'decision-owner@demo.example'])
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})
