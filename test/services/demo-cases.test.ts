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
  assert.equal(listed.incidents.length, 12)
  assert.deepEqual(new Set(listed.incidents.map((i) => i.status)), new Set([
    'draft', 'awaiting_discussion', 'partners_consulted', 'decided_notify', 'decided_refer_to_other_authority', 'decided_do_not_notify',
    // After the decision (issue 5): one case at each stage.
    'notification_sent', 'rapid_review', 'rapid_review_sent', 'practice_review', 'closed',
  ]))
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

forEachDatabase('demo cases after the decision: running clocks across the cases, and actions open, overdue and complete', async (database) => {
  const { services } = servicesAt(database, '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  const business = await actorFor(services, 'business-unit@demo.example')
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const running = await services.clocks.runningClocks(business, cov.id)
  assert.ok(running.ok)
  assert.ok(running.clocks.some((c) => c.key === 'rapid_review_sent'))
  assert.ok(running.clocks.some((c) => c.key === 'practice_review_published'))
  assert.ok(running.clocks.some((c) => c.state === 'overdue'))
  const listed = await services.incidents.listIncidents(business)
  assert.ok(listed.ok)
  const practice = listed.incidents.find((i) => i.status === 'practice_review')
  const actions = await services.learningActions.list(business, practice?.id ?? '')
  assert.ok(actions.ok)
  assert.deepEqual(new Set(actions.actions.map((a) => a.shownStatus)), new Set(['open', 'overdue', 'complete']))
})
