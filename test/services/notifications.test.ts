// Notifications after a decision to notify: owed, the pack and its PDF, recording them as sent,
// late reasons, who may record them, withdrawal standing the rapid review down, and the audit.
import assert from 'node:assert/strict'
import { extractText } from 'unpdf'
import { forEachDatabase } from '../helpers/databases.js'
import { auditedActions, decidedCase, PARTNER_COMMENT } from '../helpers/after-decision.js'
import { actorFor, CHILD } from '../helpers/incidents.js'

forEachDatabase('notifications owed: the serious incident one reaches the Panel, Ofsted and DfE, due 5 working days from awareness; a looked-after child’s death is owed too', async (database) => {
  const c = await decidedCase(database, { children: [{ ...CHILD, lookedAfter: true, outcome: 'died' }] })
  const owed = await c.services.notifications.owed(c.business, c.id)
  assert.ok(owed.ok)
  assert.deepEqual(owed.notifications.map((n) => [n.kind, n.clock?.due, n.recipients.length]), [['serious_incident', '2026-11-30', 3], ['looked_after_child_death', '2026-11-30', 2]])
  assert.ok(owed.notifications[1]?.recipients.includes('Ofsted'))
  // The local partners informed, on its own, before any notification is sent (R4).
  assert.deepEqual(await c.services.notifications.recordPartnersInformed(c.police, c.id, c.version, '2026-11-23'), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await c.services.notifications.recordPartnersInformed(c.owner, c.id, c.version, '2026-12-01'), { ok: false, reason: 'invalid', errors: { informedOn: 'Enter the date the partners were informed, today or earlier' } })
  assert.ok((await c.services.notifications.recordPartnersInformed(c.owner, c.id, c.version, '2026-11-23')).ok)
  const informed = await c.services.clocks.clocks(c.owner, c.id)
  assert.ok(informed.ok)
  assert.deepEqual(informed.clocks.find((k) => k.key === 'local_partners_informed')?.state, 'met')
})

forEachDatabase('the notification pack follows the national form, needs a justification, is audited, and its PDF holds the form’s fields but not partners’ comments', async (database) => {
  const c = await decidedCase(database)
  const owed = await c.services.notifications.owed(c.owner, c.id)
  assert.ok(owed.ok)
  const id = owed.notifications[0]?.id ?? ''
  assert.equal((await c.services.notifications.notificationPack(c.owner, c.id, id, ' ')).ok, false)
  const pack = await c.services.notifications.notificationPack(c.owner, c.id, id, 'Completing the national form (fictional)')
  assert.ok(pack.ok)
  assert.deepEqual(pack.sections.map((s) => s.heading), ['Notifier and local authority', 'Reason for the notification', 'Child details', 'Status and agency involvement', 'Incident details', 'Next steps'])
  const value = (label: string) => pack.sections.flatMap((s) => s.fields).find((f) => f.label === label)?.value
  assert.equal(value('Date the local authority became aware'), '23/11/2026', 'dates as the national form takes them')
  assert.equal(value('Date of incident'), '20/11/2026')
  const pdf = await c.services.notifications.notificationPackPdf(c.owner, c.id, id, 'Kept on the case file (fictional)')
  assert.ok(pdf.ok)
  const { text } = await extractText(new Uint8Array(pdf.pdf), { mergePages: true })
  for (const expected of ['Serious incident notification', 'Child Safeguarding Practice Review Panel', 'Case outline', 'Test outline (fictional).', 'Child 1: name', 'Child Test Demo', 'Date the local authority became aware']) assert.ok(text.includes(expected), expected)
  assert.ok(!text.includes('Meets the criteria (fictional)'), 'no decision rationale')
  assert.ok(!text.includes(PARTNER_COMMENT), 'no partner comments')
  const audited = await auditedActions(database, c.id)
  assert.ok(audited.includes('notification.pack-disclosed') && audited.includes('notification.pack-exported'))
  const other = await actorFor(c.services, 'partner@demo.example', 'DEMO')
  assert.deepEqual(await c.services.notifications.notificationPack(other, c.id, id, 'x'), { ok: false, reason: 'not-found' })
})

forEachDatabase('recording the serious incident notification: partners and auditors cannot; late needs a reason; it starts the rapid review from the date sent', async (database) => {
  const c = await decidedCase(database, { now: '2026-12-03T10:00:00.000Z' })
  const owed = await c.services.notifications.owed(c.owner, c.id)
  assert.ok(owed.ok)
  const id = owed.notifications[0]?.id ?? ''
  const input = { sentAt: '2026-12-02T15:30:00.000Z', nationalReference: 'SIN-FICTIONAL-1', sentBy: 'Dee Owner (demo)' }
  assert.deepEqual(await c.services.notifications.recordSubmission(c.police, c.id, c.version, id, input), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await c.services.notifications.recordSubmission(c.auditor, c.id, c.version, id, input), { ok: false, reason: 'forbidden' })
  // Aware Monday 23 November: due Monday 30 November; sent 2 December is late.
  assert.deepEqual(await c.services.notifications.recordSubmission(c.business, c.id, c.version, id, input), { ok: false, reason: 'invalid', errors: { lateReason: 'Enter why the notification was sent after it was due' } })
  assert.deepEqual(await c.services.notifications.recordSubmission(c.business, c.id, c.version - 1, id, input), { ok: false, reason: 'stale' })
  const sent = await c.services.notifications.recordSubmission(c.business, c.id, c.version, id, { ...input, lateReason: 'Awaiting the medical view (fictional)', partnersInformedOn: '2026-11-25' })
  assert.deepEqual(sent, { ok: true, version: c.version + 1 })
  const view = await c.services.incidents.getIncident(c.business, c.id)
  assert.ok(view.ok)
  assert.equal(view.incident.status, 'rapid_review')
  const after = await c.services.notifications.owed(c.business, c.id)
  assert.ok(after.ok)
  assert.deepEqual([after.notifications[0]?.submission?.sentOn, after.notifications[0]?.clock?.state, after.notifications[0]?.clock?.late, after.partnersInformedOn], ['2026-12-02', 'met', true, '2026-11-25'])
  assert.ok((await auditedActions(database, c.id)).includes('incident.record-serious-incident-notification'))

  // Withdrawn (R11): reason required; the rapid review stands down.
  assert.deepEqual(await c.services.notifications.withdraw(c.owner, c.id, c.version + 1, ''), { ok: false, reason: 'invalid', errors: { comment: 'Enter why the incident does not meet the criteria for a notification' } })
  assert.ok((await c.services.notifications.withdraw(c.owner, c.id, c.version + 1, 'Post-mortem: natural causes (fictional)')).ok)
  const withdrawn = await c.services.incidents.getIncident(c.owner, c.id)
  assert.ok(withdrawn.ok)
  assert.equal(withdrawn.incident.status, 'withdrawn')
  assert.deepEqual(withdrawn.incident.history.at(-1)?.comment, 'Post-mortem: natural causes (fictional)')
})
