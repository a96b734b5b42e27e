// Helpers for reminder tests: the demo on a clock, a sender that remembers what it was given,
// and the outbox rows of one incident.
import type { Database } from '../../src/data/db.js'
import type { EmailOutboxRow } from '../../src/data/schema.js'
import type { EmailSender, OutgoingEmail } from '../../src/services/email.js'
import { createServices, testClock, type ReminderSettings } from '../../src/services/index.js'

export const BASE_URL = 'https://sin.example.gov.uk'

/** A sender that records; `failures` makes the first n sends throw like a refused connection. */
export function recordingSender(failures = 0): EmailSender & { readonly sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = []
  let toFail = failures
  return {
    transport: 'smtp',
    sent,
    send(email) {
      if (toFail > 0) {
        toFail -= 1
        return Promise.reject(Object.assign(new Error(`connect ECONNREFUSED for ${email.to}`), { code: 'ECONNREFUSED' }))
      }
      sent.push(email)
      return Promise.resolve()
    },
  }
}

export async function demoAt(database: Database, at: string) {
  const clock = testClock(at)
  const services = createServices(database, { now: clock })
  await services.loadDemo()
  return { clock, services }
}

export function settingsWith(sender: EmailSender, overrides: Partial<ReminderSettings> = {}): ReminderSettings {
  return { sender, baseUrl: BASE_URL, reminderPoints: [2, 0, -1], dailyDigest: false, ...overrides }
}

export function outboxOf(database: Database, incidentId: string): Promise<EmailOutboxRow[]> {
  return database.db.selectFrom('email_outbox').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').orderBy('recipient').execute()
}
