import assert from 'node:assert/strict'
import { forEachDatabase } from '../helpers/databases.js'
import { decidedCase } from '../helpers/after-decision.js'
import { outboxOf, recordingSender, settingsWith } from '../helpers/reminders.js'
import { runningCaseClocks } from '../../src/services/reminders-due.js'

const MORNING = 'T09:00:00.000Z'

forEachDatabase('the rapid review clock reminds the business unit on fixed dates: 2 working days before 13 January 2027, the day, then overdue to the decision owner too', async (database) => {
  const c = await decidedCase(database, { awareDate: '2026-12-16', now: `2026-12-18${MORNING}` })
  const owed = await c.services.notifications.owed(c.owner, c.id)
  assert.ok(owed.ok)
  const sent = await c.services.notifications.recordSubmission(c.owner, c.id, c.version, owed.notifications[0]?.id ?? '', { sentAt: '2026-12-18T08:00:00.000Z', nationalReference: 'SIN-FICTIONAL-9', sentBy: 'Dee Owner (demo)' })
  assert.ok(sent.ok, JSON.stringify(sent))
  const reminders = c.services.reminders(settingsWith(recordingSender(), { sources: [runningCaseClocks] }))
  const rapidReviewOn = async (date: string) => {
    c.clock.set(`${date}${MORNING}`)
    await reminders.tick()
    return (await outboxOf(database, c.id)).filter((row) => row.clock_id === 'rapid_review_sent').map((row) => `${row.kind} ${row.due_date} ${row.recipient}`).sort()
  }

  assert.deepEqual(await rapidReviewOn('2027-01-08'), [], 'nothing before 2 working days ahead')
  assert.deepEqual(await rapidReviewOn('2027-01-11'), ['reminder 2027-01-13 business-unit@demo.example'])
  assert.equal((await rapidReviewOn('2027-01-13')).filter((row) => row.startsWith('due_today')).length, 1)
  const overdue = (await rapidReviewOn('2027-01-14')).filter((row) => row.startsWith('overdue'))
  assert.deepEqual(overdue, ['overdue 2027-01-13 business-unit@demo.example', 'overdue 2027-01-13 decision-owner.coventry@example.org', 'overdue 2027-01-13 decision-owner@demo.example'])
  assert.equal((await reminders.tick()).remindersSent, 0, 'each reminder once')
})

forEachDatabase('a met clock is no longer due: the notification once sent leaves only the clocks still running', async (database) => {
  const c = await decidedCase(database, { awareDate: '2026-11-23' })
  const before = (await runningCaseClocks(database.db, (await import('../../src/calendar/bundled.js')).loadBundledCalendar())).filter((item) => item.incidentId === c.id)
  assert.deepEqual(before.map((item) => `${item.clockId} ${item.dueDate} ${item.recipients.join()}`).sort(), ['local_partners_informed 2026-11-30 decision_owner', 'serious_incident_notification 2026-11-30 decision_owner'])
})
