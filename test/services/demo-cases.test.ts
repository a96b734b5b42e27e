import assert from 'node:assert/strict'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { actorFor } from '../helpers/incidents.js'

forEachDatabase('demo cases cover each engine outcome and load twice without duplicates', async (database) => {
  const { services } = servicesAt(database, '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  await services.loadDemo()
  const owner = await actorFor(services, 'decision-owner@demo.example')
  const listed = await services.incidents.listIncidents(owner)
  assert.ok(listed.ok)
  assert.equal(listed.incidents.length, 7)
  assert.deepEqual(new Set(listed.incidents.map((i) => i.status)), new Set(['draft', 'awaiting_discussion', 'partners_consulted', 'decided_notify', 'decided_refer_to_other_authority', 'decided_do_not_notify']))
  const decisions = new Set<string>()
  for (const row of listed.incidents) {
    const support = await services.decisions.support(owner, row.id)
    assert.ok(support.ok && support.support.assessment.ok)
    decisions.add(support.support.assessment.assessment.decision)
  }
  assert.deepEqual(decisions, new Set(['notify', 'judgement_required', 'other_authority', 'not_required']))
  const needs = await services.incidents.listIncidents(owner, { needsDecisionOwner: true })
  assert.ok(needs.ok)
  assert.equal(needs.incidents.length, 3)
  assert.ok(listed.incidents.every((i) => /^COV-2026-\d{4}$/.test(i.reference)))
})
