// Recording an incident through the services, on both databases.
import assert from 'node:assert/strict'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { actorFor, CHILD, recordIncident, SECTIONS } from '../helpers/incidents.js'

async function setUp(database: Parameters<typeof servicesAt>[0]) {
  const { services, clock } = servicesAt(database, '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  return { services, clock, cov, recorder: await actorFor(services, 'practitioner@demo.example'), owner: await actorFor(services, 'decision-owner@demo.example') }
}

const auditActions = async (database: Parameters<typeof servicesAt>[0], recordId: string) =>
  (await database.db.selectFrom('audit_entries').select(['action', 'outcome']).where('record_id', '=', recordId).orderBy('seq').execute()).map((e) => `${e.action} ${e.outcome}`)

forEachDatabase('recording: draft sections save partial answers; the task list and check answers say what is missing; submitting puts it on the decision owner’s list', async (database) => {
  const { services, cov, recorder, owner } = await setUp(database)
  const started = await services.incidents.start(recorder, cov.id, { awareDate: '2026-11-23' })
  assert.ok(started.ok)
  assert.match(started.reference, /^COV-2026-\d{4}$/)
  const partial = await services.incidents.saveSection(recorder, started.id, 1, 'incident', { outline: 'Partial (fictional).' })
  assert.deepEqual(partial, { ok: true, version: 2 })
  const early = await services.incidents.submit(recorder, started.id, 2)
  assert.ok(!early.ok && early.reason === 'invalid')
  assert.equal(early.errors['source'], 'Select how you became aware of the incident')
  const view = await services.incidents.getIncident(recorder, started.id)
  assert.ok(view.ok)
  assert.deepEqual(view.incident.sections, { awareness: 'in_progress', incident: 'in_progress', abuse: 'not_started', safeguarding: 'not_started', children: 'not_started' })
  assert.ok(view.incident.missing.some((m) => m.field === 'location'))
  assert.equal(view.incident.record.incident.outline, 'Partial (fictional).')

  const done = await recordIncident(services, recorder, { children: [CHILD, { ...CHILD, name: 'Child Two Demo', siblingGroup: 'A' }] })
  const needs = await services.incidents.listIncidents(owner, { needsDecisionOwner: true })
  assert.ok(needs.ok)
  const row = needs.incidents.find((i) => i.reference === done.reference)
  assert.deepEqual(row && [row.status, row.childCount, row.awareDate, row.deadline], ['awaiting_discussion', 2, '2026-11-23', '2026-11-30'])
  assert.ok(!needs.incidents.some((i) => i.reference === started.reference), 'a draft does not need the decision owner yet')
  assert.deepEqual((await auditActions(database, done.id)).slice(-3), ['incident.update-record done: child saved', 'incident.update-record done: child saved', 'incident.submit done: draft -> awaiting_discussion'])
})

forEachDatabase('recording: format and cross-field errors are keyed by field in GOV.UK wording', async (database) => {
  const { services, cov, recorder } = await setUp(database)
  assert.deepEqual(await services.incidents.start(recorder, cov.id, { awareDate: '2026-02-30' }), { ok: false, reason: 'invalid', errors: { awareDate: 'Date you became aware must be a real date' } })
  const started = await services.incidents.start(recorder, cov.id, { awareDate: '2026-11-20', source: 'police' })
  assert.ok(started.ok)
  assert.deepEqual(await services.incidents.saveSection(recorder, started.id, 1, 'incident', { ...SECTIONS.incident, incidentDate: '2026-11-21' }), {
    ok: false, reason: 'invalid', errors: { incidentDate: 'Date of incident must be the same as or before the date you became aware' },
  })
  assert.ok((await services.incidents.saveSection(recorder, started.id, 1, 'incident', { ...SECTIONS.incident, incidentDate: '2026-11-19' })).ok)
  const child = await services.incidents.addChild(recorder, started.id, 2, { ...CHILD, dateOfBirth: '2026-11-20' })
  assert.deepEqual(child, { ok: false, reason: 'invalid', errors: { dateOfBirth: 'Date of birth must be the same as or before the date of the incident' } })
  const bad = await services.incidents.addChild(recorder, started.id, 2, { ...CHILD, ethnicity: 'martian', approximateAge: 2.5 })
  assert.ok(!bad.ok && bad.reason === 'invalid')
  assert.deepEqual(Object.keys(bad.errors).sort(), ['approximateAge', 'ethnicity'])
})

forEachDatabase('concurrency: a save with the version the user saw is refused as stale once someone else saved', async (database) => {
  const { services, cov, recorder, owner } = await setUp(database)
  const started = await services.incidents.start(recorder, cov.id, { awareDate: '2026-11-23' })
  assert.ok(started.ok)
  assert.ok((await services.incidents.saveSection(owner, started.id, 1, 'abuse', { abuseOrNeglect: 'suspected', kinds: ['neglect'] })).ok)
  assert.deepEqual(await services.incidents.saveSection(recorder, started.id, 1, 'abuse', { abuseOrNeglect: 'not_suspected' }), { ok: false, reason: 'stale' })
  assert.deepEqual(await services.incidents.addChild(recorder, started.id, 1, CHILD), { ok: false, reason: 'stale' })
  const view = await services.incidents.getIncident(recorder, started.id)
  assert.ok(view.ok)
  assert.deepEqual(view.incident.record.abuse, { abuseOrNeglect: 'suspected', kinds: ['neglect'] })
})

forEachDatabase('permissions: auditors read only, admins see no cases, another authority’s incident is not found like a missing one, reads are audited', async (database) => {
  const { services, cov, recorder } = await setUp(database)
  const { id } = await recordIncident(services, recorder)
  const auditor = await actorFor(services, 'auditor@demo.example')
  const admin = await actorFor(services, 'admin@demo.example')
  const borough = await actorFor(services, 'practitioner.demo-borough@demo.example', 'DEMO')
  assert.ok((await services.incidents.getIncident(auditor, id)).ok)
  assert.deepEqual(await services.incidents.saveSection(auditor, id, 6, 'abuse', {}), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.incidents.start(auditor, cov.id), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.incidents.getIncident(admin, id), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.incidents.listIncidents(admin), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.incidents.getIncident(borough, id), { ok: false, reason: 'not-found' })
  assert.deepEqual(await services.incidents.getIncident(borough, '00000000-0000-4000-8000-000000000000'), { ok: false, reason: 'not-found' })
  const boroughList = await services.incidents.listIncidents(borough)
  assert.ok(boroughList.ok && boroughList.incidents.every((i) => i.reference.startsWith('DEMO-')))
  const trail = await auditActions(database, id)
  assert.ok(trail.includes('record.viewed done'))
  assert.ok(trail.includes('access.refused refused: incident:record'))
  assert.ok(trail.includes('access.refused refused: not-found'))
})

forEachDatabase('assessment through the service: domain scenarios 1, 4, 3, 11 and an open judgement', async (database) => {
  const { services, recorder, owner } = await setUp(database)
  const decisionFor = async (options: Parameters<typeof recordIncident>[2]) => {
    const { id } = await recordIncident(services, recorder, options)
    const support = await services.decisions.support(owner, id)
    assert.ok(support.ok && support.support.assessment.ok, JSON.stringify(support))
    return support.support
  }
  const infant = await decisionFor({ children: [{ ...CHILD, approximateAge: 0, education: 'not_school_age' }] })
  assert.equal(infant.assessment.ok && infant.assessment.assessment.decision, 'notify')
  assert.equal(infant.assessment.ok && infant.assessment.assessment.deadline, '2026-11-30')
  const lac = await decisionFor({ abuse: { abuseOrNeglect: 'not_suspected' }, children: [{ ...CHILD, lookedAfter: true, outcome: 'died' }] })
  assert.deepEqual(lac.assessment.ok && lac.assessment.assessment.children[0]?.assessment.notifications.map((n) => n.kind), ['looked_after_child_death'])
  const elsewhere = await decisionFor({ incident: { location: 'elsewhere_in_england', otherAuthorityName: 'Demo Borough Council' } })
  assert.equal(elsewhere.assessment.ok && elsewhere.assessment.assessment.decision, 'other_authority')
  const careLeaver = await decisionFor({ abuse: { abuseOrNeglect: 'not_suspected' }, children: [{ ...CHILD, approximateAge: 21, careLeaver: true, outcome: 'died' }] })
  assert.deepEqual(careLeaver.assessment.ok && careLeaver.assessment.assessment.children[0]?.assessment.notifications.map((n) => n.kind), ['care_leaver_death'])
  const open = await decisionFor({ children: [{ ...CHILD, outcome: 'harm_uncertain' }] })
  assert.equal(open.assessment.ok && open.assessment.assessment.decision, 'judgement_required')
  assert.equal(open.ifYes.ok && open.ifYes.assessment.decision, 'notify')
  assert.equal(open.ifNo.ok && open.ifNo.assessment.decision, 'not_required')
})
