// The subject access export on both databases: every kind of record held about the child, none of
// another child's, only for roles that may export, in their own authority, with a justification.
import assert from 'node:assert/strict'
import { forEachDatabase } from '../helpers/databases.js'
import { actorFor } from '../helpers/incidents.js'
import { demoAt } from '../helpers/reminders.js'
import { SUBJECT_ACCESS_SECTIONS } from '../../src/services/subject-access.js'
import { demoChild } from './helpers.js'

const START = '2026-11-24T09:00:00.000Z'

forEachDatabase('the export holds every kind of record about the child, and is audited with its justification', async (database) => {
  const { services } = await demoAt(database, START)
  const { incidentId, childId } = await demoChild(database, 'Child M Demo')
  const authority = await database.db.selectFrom('incidents').select('authority_id').where('id', '=', incidentId).executeTakeFirstOrThrow()
  await database.db.insertInto('email_outbox').values({ id: 'email-1', delivery_key: 'test|reminder', authority_id: authority.authority_id, incident_id: incidentId, kind: 'reminder', clock_id: 'practice_review_published', point: 2, due_date: '2026-12-01', recipient: 'business-unit@demo.example', subject: 'Reminder (fictional)', body: 'Due soon (fictional)', transport: 'outbox', status: 'sent', attempts: 1, next_attempt_at: null, last_error: null, created_at: START, updated_at: START, sent_at: START }).execute()
  const business = await actorFor(services, 'business-unit@demo.example')
  // The demo's case has no email yet nor liaison with another authority: add them, as the services store them.
  // (liaison) with another authority: add one, as the service would store it.
  await database.db.insertInto('other_authority_liaisons').values({ id: 'liaison-1', incident_id: incidentId, other_authority: 'Demo Borough Council', contact: 'Duty manager (fictional)', contacted_on: '2026-11-20', agreed: 'Shared the chronology (fictional)', recorded_by: 'decision-owner@demo.example', recorded_at: START }).execute()
  await services.audit.record(business, { action: 'record.viewed', outcome: 'done', authorityId: null, recordType: 'incident', recordId: incidentId })
  const result = await services.subjectAccess.exportChild(business, incidentId, childId, 'SAR-0001 (fictional)')
  assert.ok(result.ok)
  const data = result.data as unknown as Record<string, unknown>
  for (const { key } of SUBJECT_ACCESS_SECTIONS) {
    const value = data[key]
    assert.ok(value && (!Array.isArray(value) || value.length > 0), `${key} is in the export`)
  }
  assert.equal((result.data.child as { name?: string }).name, 'Child M Demo')
  const text = JSON.stringify(result.data)
  assert.ok(text.includes('Child M Demo') && text.includes('repeated missed health appointments'))
  for (const other of ['Child N Demo', 'Child K Demo', 'Child L Demo']) assert.ok(!text.includes(other), `${other} is not in it`)
  const event = await database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'subject-access.exported').executeTakeFirstOrThrow()
  assert.deepEqual([event.record_id, event.justification, event.actor], [childId, 'SAR-0001 (fictional)', 'business-unit@demo.example'])
})

forEachDatabase('a child’s export leaves out the other children on the same record', async (database) => {
  const { services } = await demoAt(database, START)
  const g = await demoChild(database, 'Child G Demo')
  const h = await demoChild(database, 'Child H Demo')
  assert.equal(g.incidentId, h.incidentId)
  const business = await actorFor(services, 'business-unit@demo.example')
  const result = await services.subjectAccess.exportChild(business, g.incidentId, g.childId, 'SAR-0002 (fictional)')
  assert.ok(result.ok)
  const text = JSON.stringify(result.data)
  assert.ok(text.includes('Child G Demo'))
  assert.ok(!text.includes('Child H Demo') && !text.includes(h.childId), 'nothing of the sibling')
  assert.equal(result.data.otherChildrenLeftOut, 1)
})

forEachDatabase('only roles that may export, in their own authority, and never without a reason', async (database) => {
  const { services } = await demoAt(database, START)
  const { incidentId, childId } = await demoChild(database, 'Child M Demo')
  const business = await actorFor(services, 'business-unit@demo.example')
  assert.deepEqual(await services.subjectAccess.exportChild(business, incidentId, childId, '   '), { ok: false, reason: 'invalid', errors: { justification: 'Enter why you are exporting this child’s information, for example the subject access request’s reference' } })
  const practitioner = await actorFor(services, 'practitioner@demo.example')
  assert.deepEqual(await services.subjectAccess.exportChild(practitioner, incidentId, childId, 'curious'), { ok: false, reason: 'forbidden' })
  const elsewhere = await actorFor(services, 'practitioner.demo-borough@demo.example', 'DEMO')
  assert.deepEqual(await services.subjectAccess.exportChild(elsewhere, incidentId, childId, 'curious'), { ok: false, reason: 'not-found' })
  assert.deepEqual(await services.subjectAccess.exportChild(business, incidentId, 'not-a-child', 'SAR'), { ok: false, reason: 'not-found' })
  const refusals = await database.db.selectFrom('audit_entries').select('outcome').where('action', '=', 'access.refused').execute()
  assert.ok(refusals.length >= 3, 'each refusal is audited')
  assert.equal((await services.audit.verify()).ok, true)
})

forEachDatabase('settings: each period is checked against its range, only admins change them, and changes are audited', async (database) => {
  const { services } = await demoAt(database, START)
  const admin = await actorFor(services, 'admin@demo.example')
  const authorityId = admin.kind === 'user' ? (admin.permissions.currentAuthority?.id ?? '') : ''
  const current = await services.retention.periods(authorityId)
  const bad = await services.retention.updatePeriods(admin, authorityId, { ...current, closed_case: '', draft_incident: 'a year', session: '0', audit_personal: '101' })
  assert.ok(!bad.ok && bad.reason === 'invalid')
  assert.deepEqual(Object.keys(bad.ok ? {} : 'errors' in bad ? bad.errors : {}).sort(), ['audit_personal', 'closed_case', 'draft_incident', 'session'])
  assert.match(!bad.ok && 'errors' in bad ? (bad.errors['session'] ?? '') : '', /between 1 and 365 days/)
  assert.deepEqual(await services.retention.periods(authorityId), current, 'nothing saved')
  const auditor = await actorFor(services, 'auditor@demo.example')
  assert.deepEqual(await services.retention.updatePeriods(auditor, authorityId, { ...current, closed_case: 40 }), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.retention.updatePeriods(admin, authorityId, { ...current, closed_case: ' 40 ' }), { ok: true, changed: ['closed_case'] })
  assert.equal((await services.retention.periods(authorityId)).closed_case, 40)
  const event = await database.db.selectFrom('audit_entries').select(['outcome', 'actor']).where('action', '=', 'retention.settings-changed').executeTakeFirstOrThrow()
  assert.deepEqual(event, { outcome: 'done: closed_case 35 years to 40 years', actor: 'admin@demo.example' })
})
