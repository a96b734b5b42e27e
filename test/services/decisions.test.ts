// Partners' views, the decision, revisiting it and liaison, on both databases.
import assert from 'node:assert/strict'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { actorFor, CHILD, recordIncident } from '../helpers/incidents.js'

async function setUp(database: Parameters<typeof servicesAt>[0]) {
  const { services, clock } = servicesAt(database, '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  const actors = {
    recorder: await actorFor(services, 'practitioner@demo.example'),
    owner: await actorFor(services, 'decision-owner@demo.example'),
    police: await actorFor(services, 'partner@demo.example'),
    business: await actorFor(services, 'business-unit@demo.example'),
  }
  return { services, clock, ...actors }
}

forEachDatabase('partners’ views: requested by the business unit, recorded by the police partner, kept over time, side by side; another authority’s partner finds nothing', async (database) => {
  const { services, clock, recorder, owner, police, business } = await setUp(database)
  const { id, version } = await recordIncident(services, recorder)
  assert.deepEqual(await services.partnerViews.recordView(recorder, id, version, { view: 'notify', reasons: 'x' }), { ok: false, reason: 'forbidden' })
  const asked = await services.partnerViews.requestViews(business, id, version, 'Please consider (fictional)')
  assert.deepEqual(asked, { ok: true, version: version + 1 })
  assert.deepEqual(await services.partnerViews.recordView(police, id, version + 1, { view: 'maybe', reasons: '' }), { ok: false, reason: 'invalid', errors: { view: 'Select your view', reasons: 'Enter your reasons' } })
  assert.ok((await services.partnerViews.recordView(police, id, version + 1, { view: 'unsure', reasons: 'Waiting for the medical view (fictional)' })).ok)
  clock.advance(60_000)
  assert.ok((await services.partnerViews.recordView(police, id, version + 2, { view: 'notify', reasons: 'Medical view received (fictional)' })).ok)
  assert.ok((await services.partnerViews.recordWorkingView(owner, id, version + 3, { view: 'notify', reasons: 'Working view (fictional)' })).ok)
  const side = await services.partnerViews.viewsSideBySide(owner, id)
  assert.ok(side.ok)
  assert.equal(side.views.latest.police?.view, 'notify')
  assert.equal(side.views.latest.authority?.view, 'notify')
  assert.equal(side.views.latest.health, null)
  assert.deepEqual(side.views.all.filter((v) => v.kind === 'police').map((v) => v.view), ['unsure', 'notify'])
  assert.deepEqual(side.views.requests.map((r) => r.kind).sort(), ['health', 'police'])
  const elsewhere = await actorFor(services, 'partner@demo.example', 'DEMO')
  assert.deepEqual(await services.partnerViews.recordView(elsewhere, id, version + 4, { view: 'notify', reasons: 'x' }), { ok: false, reason: 'not-found' })
  assert.deepEqual(await services.partnerViews.viewsSideBySide(elsewhere, id), { ok: false, reason: 'not-found' })
})

forEachDatabase('a partner raises a possible incident: it lands on the decision owner’s list as needing a discussion', async (database) => {
  const { services, police, owner } = await setUp(database)
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  assert.deepEqual(await services.partnerViews.raiseIncident(police, cov.id, { awareDate: '2026-11-24' }), { ok: false, reason: 'invalid', errors: { outline: 'Enter what happened' } })
  const raised = await services.partnerViews.raiseIncident(police, cov.id, { awareDate: '2026-11-24', outline: 'Raised by police (fictional)' })
  assert.ok(raised.ok)
  const view = await services.incidents.getIncident(owner, raised.id)
  assert.ok(view.ok)
  assert.equal(view.incident.status, 'awaiting_discussion')
  assert.deepEqual(view.incident.record.awareness, { awareDate: '2026-11-24', source: 'police', sourceDetail: 'West Midlands Police' })
  assert.deepEqual(view.incident.history.map((e) => e.action), ['raise'])
})

forEachDatabase('the decision: only the decision owner; open judgements must be made; a departure needs its own reason and is flagged', async (database) => {
  const { services, recorder, owner, business } = await setUp(database)
  const { id, version } = await recordIncident(services, recorder, { children: [{ ...CHILD, outcome: 'harm_uncertain' }] })
  const view = await services.incidents.getIncident(owner, id)
  assert.ok(view.ok)
  const childId = view.incident.record.children[0]?.id ?? ''
  assert.deepEqual(await services.decisions.recordDecision(business, id, version, { decision: 'notify', rationale: 'x' }), { ok: false, reason: 'forbidden' })
  const noJudgement = await services.decisions.recordDecision(owner, id, version, { decision: 'notify', rationale: 'Reasons (fictional)' })
  assert.deepEqual(noJudgement, { ok: false, reason: 'invalid', errors: { [`judgements.seriousHarm.${childId}`]: 'Select whether the child was seriously harmed, and say why' } })
  const judgements = { seriousHarm: { [childId]: { answer: 'yes', why: 'Long-term impairment likely (fictional)' } } }
  const departs = await services.decisions.recordDecision(owner, id, version, { decision: 'do_not_notify', rationale: 'Reasons (fictional)', judgements })
  assert.deepEqual(departs, { ok: false, reason: 'invalid', errors: { departureReason: 'Enter why your decision is different from the outcome the rules give' } })
  const decided = await services.decisions.recordDecision(owner, id, version, { decision: 'do_not_notify', rationale: 'Reasons (fictional)', judgements, departureReason: 'Partners agree the harm is not from abuse (fictional)' })
  assert.ok(decided.ok && decided.departsFromEngine)
  assert.deepEqual(await services.decisions.recordDecision(owner, id, decided.version, { decision: 'notify', rationale: 'again', judgements }), { ok: false, reason: 'not-allowed', message: 'This cannot be done while the incident is decided: do not notify' })
})

forEachDatabase('revisiting keeps the earlier decision and its facts; stale versions are refused; every step is audited', async (database) => {
  const { services, clock, recorder, owner } = await setUp(database)
  const { id, version } = await recordIncident(services, recorder)
  const first = await services.decisions.recordDecision(owner, id, version, { decision: 'notify', rationale: 'Serious harm, abuse suspected (fictional)' })
  assert.ok(first.ok && !first.departsFromEngine)
  clock.advance(86_400_000)
  assert.deepEqual(await services.decisions.revisit(owner, id, first.version, ''), { ok: false, reason: 'invalid', errors: { comment: 'Enter what has changed' } })
  assert.deepEqual(await services.decisions.revisit(owner, id, version, 'New facts'), { ok: false, reason: 'stale' })
  const reopened = await services.decisions.revisit(owner, id, first.version, 'Post-mortem results (fictional)')
  assert.ok(reopened.ok)
  assert.ok((await services.incidents.saveSection(recorder, id, reopened.version, 'abuse', { abuseOrNeglect: 'not_suspected' })).ok)
  clock.advance(60_000)
  const second = await services.decisions.recordDecision(owner, id, reopened.version + 1, { decision: 'do_not_notify', rationale: 'No abuse suspected now (fictional)' })
  assert.ok(second.ok && !second.departsFromEngine)
  const history = await services.decisions.history(owner, id)
  assert.ok(history.ok)
  assert.deepEqual(history.decisions.map((d) => [d.decision, d.facts.abuse.abuseOrNeglect, d.engineOutcome.judged.decision]), [['notify', 'suspected', 'notify'], ['do_not_notify', 'not_suspected', 'not_required']])
  const events = await services.incidents.getIncident(owner, id)
  assert.ok(events.ok)
  assert.deepEqual(events.incident.history.map((e) => e.action), ['submit', 'decide_notify', 'revisit', 'decide_do_not_notify'])
  const trail = (await database.db.selectFrom('audit_entries').select('action').where('record_id', '=', id).execute()).map((e) => e.action)
  for (const action of ['incident.created', 'incident.submit', 'incident.decide-notify', 'incident.revisit', 'incident.decide-do-not-notify']) assert.ok(trail.includes(action), action)
})

forEachDatabase('liaison with the other authority is recorded after a referral; adjusted notifications need a reason', async (database) => {
  const { services, recorder, owner } = await setUp(database)
  const { id, version } = await recordIncident(services, recorder, { incident: { location: 'elsewhere_in_england', otherAuthorityName: 'Demo Borough Council' }, children: [CHILD, { ...CHILD, name: 'Child Two Demo' }] })
  const support = await services.decisions.support(owner, id)
  assert.ok(support.ok)
  assert.equal(support.support.proposed.length, 2)
  const childIds = support.support.proposed.flatMap((p) => p.childIds)
  assert.deepEqual(await services.decisions.adjustNotifications(recorder, id, version, { groups: [{ childIds }], reason: '' }), { ok: false, reason: 'invalid', errors: { reason: 'Enter why you are changing the notifications proposed' } })
  const adjusted = await services.decisions.adjustNotifications(recorder, id, version, { groups: [{ childIds }], reason: 'Half-siblings living together (fictional)' })
  assert.ok(adjusted.ok)
  const referred = await services.decisions.recordDecision(owner, id, adjusted.version, { decision: 'refer_to_other_authority', rationale: 'Their duty (fictional)' })
  assert.ok(referred.ok)
  assert.ok((await services.decisions.recordLiaison(owner, id, referred.version, { otherAuthority: 'Demo Borough Council', contact: 'Duty manager (fictional)', contactedOn: '2026-11-24', agreed: 'They notify; we share records' })).ok)
  const history = await services.decisions.history(owner, id)
  assert.ok(history.ok && history.liaisons.length === 1)
  const after = await services.decisions.support(owner, id)
  assert.ok(after.ok && after.support.adjusted?.reason === 'Half-siblings living together (fictional)')
})

forEachDatabase('the demo health partner records the health view, so all three views stand side by side', async (database) => {
  const { services, recorder, owner, police } = await setUp(database)
  const health = await actorFor(services, 'health-partner@demo.example')
  const { id, version } = await recordIncident(services, recorder)
  assert.ok((await services.partnerViews.requestViews(owner, id, version)).ok)
  assert.ok((await services.partnerViews.recordView(police, id, version + 1, { view: 'notify', reasons: 'Police reasons (fictional)' })).ok)
  assert.ok((await services.partnerViews.recordView(health, id, version + 2, { view: 'unsure', reasons: 'Health reasons (fictional)' })).ok)
  assert.ok((await services.partnerViews.recordWorkingView(owner, id, version + 3, { view: 'notify', reasons: 'Working view (fictional)' })).ok)
  const side = await services.partnerViews.viewsSideBySide(owner, id)
  assert.ok(side.ok)
  assert.deepEqual([side.views.latest.authority?.view, side.views.latest.police?.view, side.views.latest.health?.view], ['notify', 'notify', 'unsure'])
})
