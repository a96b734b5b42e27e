// The rapid review, practice review, actions, closing and reopening, clocks across cases, a
// calendar change, and the chronology with its exports: on both databases, on a fixed clock.
import assert from 'node:assert/strict'
import { extractText } from 'unpdf'
import { loadBundledCalendar } from '../../src/calendar/bundled.js'
import { BankHolidayCalendar, CalendarDay } from '../../src/domain/calendar/index.js'
import { forEachDatabase } from '../helpers/databases.js'
import { auditedActions, decidedCase } from '../helpers/after-decision.js'

const CRITERIA = { a: { met: true, reasons: 'Improvements (fictional)' }, b: { met: false, reasons: 'No theme (fictional)' }, c: { met: true, reasons: 'Two agencies (fictional)' }, d: { met: false, reasons: 'Not considered (fictional)' } }

/** A case with its serious incident notification sent on Friday 18 December 2026. */
async function sentCase(database: Parameters<typeof decidedCase>[0]) {
  const c = await decidedCase(database, { awareDate: '2026-12-16', now: '2026-12-18T16:00:00.000Z' })
  const owed = await c.services.notifications.owed(c.owner, c.id)
  assert.ok(owed.ok)
  const sent = await c.services.notifications.recordSubmission(c.owner, c.id, c.version, owed.notifications[0]?.id ?? '', { sentAt: '2026-12-18T15:00:00.000Z', nationalReference: 'SIN-FICTIONAL-2', sentBy: 'Dee Owner (demo)' })
  assert.ok(sent.ok, JSON.stringify(sent))
  return { ...c, version: sent.version }
}

forEachDatabase('the rapid review: due 13 January 2027; requests due in working days; partners add their agency’s information and sign-off; sent with the regulation 11 checklist; the Panel responds; a practice review follows', async (database) => {
  const c = await sentCase(database)
  let v = c.version
  const ok = (r: { ok: boolean; version?: number }) => {
    assert.ok(r.ok, JSON.stringify(r))
    v = r.version ?? v
  }
  const clocks = await c.services.clocks.clocks(c.business, c.id)
  assert.ok(clocks.ok)
  assert.equal(clocks.clocks.find((k) => k.key === 'rapid_review_sent')?.due, '2027-01-13')

  assert.deepEqual(await c.services.rapidReview.addRequest(c.police, c.id, v, { agency: 'health', contact: 'x', requestedOn: '2026-12-18', workingDays: 5 }), { ok: false, reason: 'forbidden' })
  ok(await c.services.rapidReview.addRequest(c.business, c.id, v, { agency: 'health', contact: 'Named nurse (fictional)', requestedOn: '2026-12-18', workingDays: 5 }))
  ok(await c.services.rapidReview.addMeeting(c.business, c.id, v, { heldOn: '2026-12-18', attendees: ['Police (fictional)', 'Health (fictional)'] }))
  ok(await c.services.rapidReview.addSafeguardingAction(c.business, c.id, v, { agency: 'authority', description: 'Sibling safety plan (fictional)' }))
  ok(await c.services.rapidReview.contribute(c.police, c.id, v, { information: 'Police chronology (fictional)', signOff: true }))
  ok(await c.services.rapidReview.contribute(c.owner, c.id, v, { signOff: true }))
  assert.deepEqual(await c.services.rapidReview.contribute(c.auditor, c.id, v, { signOff: true }), { ok: false, reason: 'not-allowed', message: 'This cannot be done while the incident is rapid review under way' })
  const view = await c.services.rapidReview.view(c.police, c.id)
  assert.ok(view.ok)
  const request = view.entries.find((e) => e.kind === 'request')
  // Five working days from Friday 18 December: 21, 22, 23, 24, 29 December.
  assert.equal((JSON.parse(request?.details ?? '{}') as { dueOn: string }).dueOn, '2026-12-29')
  assert.deepEqual(view.entries.filter((e) => e.kind === 'sign_off').map((e) => e.agency).sort(), ['authority', 'police'])
  ok(await c.services.rapidReview.markReceived(c.business, c.id, v, request?.id ?? '', '2026-12-22'))

  const missing = await c.services.rapidReview.sendToPanel(c.business, c.id, v, { sentOn: '2027-01-12', recommendation: 'local_practice_review', criteria: { ...CRITERIA, d: { met: false, reasons: '' } }, reasons: 'x' })
  assert.deepEqual(missing, { ok: false, reason: 'invalid', errors: { 'criteria.d': 'Answer criterion (d) with your reasons' } })
  ok(await c.services.rapidReview.sendToPanel(c.business, c.id, v, { sentOn: '2027-01-12', recommendation: 'local_practice_review', criteria: CRITERIA, reasons: 'Learning across agencies (fictional)' }))
  ok(await c.services.rapidReview.recordPanelResponse(c.business, c.id, v, { receivedOn: '2027-01-20', agreed: true, comments: 'Agreed (fictional)' }))
  c.clock.set('2027-01-25T10:00:00.000Z')
  ok(await c.services.practiceReview.commission(c.business, c.id, v, '2027-01-25'))
  ok(await c.services.practiceReview.update(c.business, c.id, v, { reviewer: 'Independent reviewer (fictional)', commissionedOn: '2027-02-01', plannedPublicationOn: '2027-07-12' }))
  const after = await c.services.clocks.clocks(c.business, c.id)
  assert.ok(after.ok)
  const byKey = Object.fromEntries(after.clocks.map((k) => [k.key, [k.due, k.state]]))
  assert.deepEqual(byKey.rapid_review_sent, ['2027-01-13', 'met'])
  assert.deepEqual(byKey.practice_review_published, ['2027-07-25', 'on_track'])
  // 7 working days before Monday 12 July 2027: Thursday 1 July.
  assert.deepEqual(byKey.final_report_sent, ['2027-07-01', 'on_track'])

  // Actions: overdue computed; completing needs evidence.
  ok(await c.services.learningActions.add(c.business, c.id, v, { source: 'rapid_review', description: 'Training on bruising in non-mobile babies (fictional)', agencies: ['health', 'authority'], ownerAgency: 'health', ownerPerson: 'Named nurse (fictional)', dueOn: '2027-01-22' }))
  ok(await c.services.learningActions.add(c.business, c.id, v, { source: 'practice_review', description: 'Audit (fictional)', agencies: ['police'], ownerAgency: 'police', ownerPerson: 'DI (fictional)', dueOn: '2027-03-01' }))
  const actions = await c.services.learningActions.list(c.auditor, c.id)
  assert.ok(actions.ok)
  assert.deepEqual(actions.actions.map((a) => [a.shownStatus, a.multiAgency]), [['overdue', true], ['open', false]])
  const first = actions.actions[0]?.id ?? ''
  assert.deepEqual(await c.services.learningActions.update(c.business, c.id, v, first, { status: 'complete' }), { ok: false, reason: 'invalid', errors: { evidence: 'Enter the evidence of completion' } })
  ok(await c.services.learningActions.update(c.business, c.id, v, first, { status: 'complete', evidence: 'Attendance list (fictional)', completedOn: '2027-01-24' }))

  // Closing and reopening, each with a reason; reopening returns to the practice review.
  assert.equal((await c.services.practiceReview.close(c.business, c.id, v, ' ')).ok, false)
  assert.deepEqual(await c.services.practiceReview.close(c.auditor, c.id, v, 'x'), { ok: false, reason: 'not-allowed', message: 'This cannot be done while the incident is practice review under way' })
  ok(await c.services.practiceReview.close(c.business, c.id, v, 'Published and actions complete (fictional)'))
  ok(await c.services.practiceReview.reopen(c.business, c.id, v, 'New information (fictional)'))
  const reopened = await c.services.incidents.getIncident(c.business, c.id)
  assert.ok(reopened.ok)
  assert.equal(reopened.incident.status, 'practice_review')
  const audited = await auditedActions(database, c.id)
  for (const action of ['incident.record-serious-incident-notification', 'incident.update-rapid-review', 'incident.contribute-rapid-review', 'incident.send-rapid-review', 'incident.record-panel-response', 'incident.commission-practice-review', 'incident.manage-actions', 'incident.close', 'incident.reopen']) assert.ok(audited.includes(action), action)
})

forEachDatabase('running clocks across cases; an extension keeps the original date; a bank holiday added moves the clock and is recorded on the case', async (database) => {
  const c = await sentCase(database)
  const cov = await c.services.authorities.getByCode('COV')
  assert.ok(cov)
  const running = await c.services.clocks.runningClocks(c.business, cov.id)
  assert.ok(running.ok)
  assert.deepEqual(running.clocks.filter((k) => k.incidentId === c.id).map((k) => [k.key, k.due, k.state]), [['local_partners_informed', '2026-12-23', 'on_track'], ['rapid_review_sent', '2027-01-13', 'on_track']])
  assert.deepEqual(await c.services.clocks.extendClock(c.owner, c.id, c.version, { clockKey: 'rapid_review_sent', newDue: '2027-01-20', reason: 'x', agreedBy: 'The Panel' }), { ok: false, reason: 'forbidden' })
  assert.ok((await c.services.clocks.extendClock(c.business, c.id, c.version, { clockKey: 'rapid_review_sent', newDue: '2027-01-20', reason: 'Post-mortem awaited (fictional)', agreedBy: 'The Panel' })).ok)
  const extended = await c.services.clocks.clocks(c.business, c.id)
  assert.ok(extended.ok)
  const rr = extended.clocks.find((k) => k.key === 'rapid_review_sent')
  assert.deepEqual([rr?.due, rr?.originalDue, rr?.extension?.agreedBy], ['2027-01-20', '2027-01-13', 'The Panel'])

  const previous = loadBundledCalendar()
  const next = new BankHolidayCalendar([...previous.holidays, { date: CalendarDay.parse('2026-12-22'), title: 'Fictional extra holiday', notes: '', bunting: false }], previous.provenance)
  const result = await c.services.clocks.recomputeClocks({ kind: 'system', name: 'holidays update' }, previous, next)
  assert.deepEqual(result.moved.filter((m) => m.incidentId === c.id).map((m) => m.changes), [['Local safeguarding partners informed: 2026-12-23 -> 2026-12-24']])
  const history = await c.services.incidents.getIncident(c.business, c.id)
  assert.ok(history.ok)
  assert.equal(history.incident.history.at(-1)?.action, 'recompute_clocks')
  assert.ok((await auditedActions(database, c.id)).includes('clocks.recomputed'))
})

forEachDatabase('the chronology: in date order; CSV and PDF need a justification, are audited, and neutralise formula injection', async (database) => {
  const c = await decidedCase(database)
  const owed = await c.services.notifications.owed(c.owner, c.id)
  assert.ok(owed.ok)
  assert.ok((await c.services.notifications.recordSubmission(c.owner, c.id, c.version, owed.notifications[0]?.id ?? '', { sentAt: '2026-11-24T08:00:00.000Z', nationalReference: '=HYPERLINK("http://evil.example")', sentBy: '@SUM(1)' })).ok)
  const chronology = await c.services.chronology.chronology(c.auditor, c.id)
  assert.ok(chronology.ok)
  const times = chronology.events.map((e) => e.at)
  assert.deepEqual(times, [...times].sort())
  assert.ok(chronology.events.some((e) => e.what === 'Decision: Notify the Child Safeguarding Practice Review Panel'))
  assert.ok(chronology.events.some((e) => e.what === 'Sent: Serious incident notification'))
  assert.ok(chronology.events.some((e) => /^Status: Partners consulted to Decided: notify/.test(e.detail) || /^Status: Needs a discussion to Decided: notify/.test(e.detail)), 'status changes in words')
  for (const e of chronology.events) assert.doesNotMatch(`${e.what} ${e.detail}`, /\b[a-z]+_[a-z_]+\b|->/, 'users’ words, never codes')
  assert.deepEqual(await c.services.chronology.chronologyCsv(c.auditor, c.id, ''), { ok: false, reason: 'invalid', errors: { justification: 'Enter why you are exporting the chronology' } })
  const csv = await c.services.chronology.chronologyCsv(c.auditor, c.id, 'Case audit (fictional)')
  assert.ok(csv.ok)
  assert.ok(csv.csv.includes(`"'@SUM(1)"`) || csv.csv.includes(`'@SUM(1)`))
  assert.ok(!/(^|,)"?=HYPERLINK/m.test(csv.csv))
  assert.ok(!/(^|,)"?@SUM/m.test(csv.csv))
  const pdf = await c.services.chronology.chronologyPdf(c.auditor, c.id, 'Case audit (fictional)')
  assert.ok(pdf.ok)
  const { text } = await extractText(new Uint8Array(pdf.pdf), { mergePages: true })
  assert.ok(text.includes('Chronology') && text.includes('Decision: Notify'))
  assert.equal((await auditedActions(database, c.id)).filter((a) => a === 'chronology.exported').length, 2)
})
