import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadBundledCalendar } from '../../calendar/bundled.js'
import { CalendarDay } from '../calendar/index.js'
import { dueDate, clock } from '../timeline/index.js'
import { composeEmail, deliveryKey, pointDay, recipientsFor, reminderDue } from './index.js'

const calendar = loadBundledCalendar()
const day = (text: string) => CalendarDay.parse(text)
const item = { authorityId: 'a', incidentId: 'i-1', reference: 'COV-2026-0001', clockId: 'serious_incident_notification', clockName: 'A decision', dueDate: '2027-01-04', recipients: ['decision_owner'], alert: true } as const

test('awareness on Wednesday 23 December 2026 is due on Monday 4 January 2027, across Christmas and New Year', () => {
  assert.equal(dueDate(clock('serious_incident_notification'), day('2026-12-23'), calendar).toString(), '2027-01-04')
  assert.equal(pointDay(day('2027-01-04'), 2, calendar).toString(), '2026-12-30')
  assert.equal(pointDay(day('2027-01-04'), 0, calendar).toString(), '2027-01-04')
  assert.equal(pointDay(day('2027-01-04'), -1, calendar).toString(), '2027-01-05')
})

test('the latest point reached is the one due, and none before the first', () => {
  const at = (today: string) => reminderDue(item, [2, 0, -1], day(today), calendar)?.kind ?? null
  assert.equal(at('2026-12-29'), null)
  assert.equal(at('2026-12-30'), 'reminder')
  assert.equal(at('2027-01-01'), 'reminder', 'a bank holiday: still the 2-day reminder')
  assert.equal(at('2027-01-04'), 'due_today')
  assert.equal(at('2027-01-05'), 'overdue')
  assert.equal(at('2027-02-01'), 'overdue')
})

test('overdue escalates to the decision owner and the business unit; alerts go to the partnership too', () => {
  assert.deepEqual(recipientsFor('overdue', item), ['decision_owner', 'business_unit'])
  assert.deepEqual(recipientsFor('alert', item), ['decision_owner', 'partnership'])
  assert.deepEqual(recipientsFor('reminder', item), ['decision_owner'])
})

test('the email holds the reference, what is due, the date and a link, and the key names the recipient', () => {
  const email = composeEmail('overdue', item, 'https://sin.example.gov.uk/')
  assert.equal(email.subject, 'Overdue: case COV-2026-0001 was due by Monday 4 January 2027')
  assert.match(email.body, /https:\/\/sin\.example\.gov\.uk\/incidents\/i-1/)
  assert.equal(deliveryKey('overdue', item, -1, 'DO@Example.gov.uk'), 'overdue|i-1|serious_incident_notification|-1|2027-01-04|do@example.gov.uk')
})
