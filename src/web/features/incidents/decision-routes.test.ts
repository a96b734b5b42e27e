import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { actorFor, recordIncident } from '../../../../test/helpers/incidents.js'
import type { Services } from '../../../services/index.js'
import { DEMO, testApp, type TestBrowser } from '../../testing.js'

const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? ''

/** The demo case whose first child has this (fictional) name, and that child's id. */
async function demoCase(services: Services, childName: string): Promise<{ id: string; childIds: string[] }> {
  const actor = await actorFor(services, DEMO.decisionOwner)
  const list = await services.incidents.listIncidents(actor)
  assert.ok(list.ok)
  for (const row of list.incidents) {
    const found = await services.incidents.getIncident(actor, row.id)
    if (found.ok && found.incident.record.children[0]?.name === childName) return { id: row.id, childIds: found.incident.record.children.map((c) => c.id) }
  }
  throw new Error(`No demo case for ${childName}`)
}

async function post(browser: TestBrowser, path: string, form: Record<string, string>) {
  const page = await browser.get(path)
  assert.equal(page.statusCode, 200, path)
  return browser.post(path, { version: versionOf(page.body), ...form })
}

forEachDatabase('an open serious-harm judgement must be made; a decision against the rules needs its own reason', async (database) => {
  const { app, browser, services } = await testApp(database)
  const { id, childIds } = await demoCase(services, 'Child B Demo')
  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  const casePage = await owner.get(`/incidents/${id}`)
  assert.match(casePage.body, /If the judgement is yes/)
  assert.match(casePage.body, /What counts as serious harm/)
  const path = `/incidents/${id}/decision`
  const noJudgement = await post(owner, path, { decision: 'do_not_notify', rationale: 'Bruising only (fictional).' })
  assert.equal(noJudgement.statusCode, 400)
  assert.match(noJudgement.body, new RegExp(`href="#seriousHarm-${childIds[0]}">Select whether the child was seriously harmed`))
  const judged = { [`seriousHarm-${childIds[0]}-answer`]: 'yes', [`seriousHarm-${childIds[0]}-why`]: 'Likely long-term impairment (fictional).' }
  const departs = await post(owner, path, { decision: 'do_not_notify', rationale: 'Bruising only (fictional).', ...judged })
  assert.equal(departs.statusCode, 400)
  assert.match(departs.body, /href="#departureReason"/)
  assert.match(departs.body, /Likely long-term impairment \(fictional\)/, 'the judgement typed is kept')
  const shown = versionOf((await owner.get(path)).body)
  assert.equal((await post(owner, `/incidents/${id}/view`, { view: 'unsure', reasons: 'Meanwhile (fictional).' })).statusCode, 303)
  await owner.get(path)
  const stale = await owner.post(path, { version: shown, decision: 'do_not_notify', rationale: 'My stale reasons (fictional).', ...judged })
  assert.equal(stale.statusCode, 409)
  assert.match(stale.body, /Someone else changed this incident/)
  assert.match(stale.body, /My stale reasons \(fictional\)/)
  const decided = await post(owner, path, { decision: 'do_not_notify', rationale: 'Bruising only (fictional).', departureReason: 'Discussed with partners (fictional).', ...judged })
  assert.equal(decided.statusCode, 303)
  assert.match((await owner.get(`/incidents/${id}`)).body, /Yes: Discussed with partners \(fictional\)/)
  await app.close()
})

forEachDatabase('liaison with the other authority; only the decision owner may record it', async (database) => {
  const { app, browser, services } = await testApp(database)
  const { id } = await demoCase(services, 'Child C Demo')
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  assert.equal((await practitioner.get(`/incidents/${id}/liaison`)).statusCode, 403)
  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  const blank = await owner.get(`/incidents/${id}/liaison`)
  assert.match(blank.body, /name="otherAuthority"[^>]*value="Demo Borough Council"/, 'starts from the authority named in the record')
  const form = { otherAuthority: 'Demo Borough Council', contact: 'Duty manager (fictional)', 'contactedOn-day': '24', 'contactedOn-month': '11', 'contactedOn-year': '2026', agreed: 'They will notify (fictional).' }
  const partial = await post(owner, `/incidents/${id}/liaison`, { ...form, 'contactedOn-month': '' })
  assert.equal(partial.statusCode, 400)
  assert.match(partial.body, /href="#contactedOn-day">Date of contact must include a month/)
  assert.equal((await post(owner, `/incidents/${id}/liaison`, form)).statusCode, 303)
  assert.match((await owner.get(`/incidents/${id}`)).body, /Liaison with Demo Borough Council/)
  await app.close()
})

forEachDatabase('a practitioner changes the notifications proposed for two siblings, with a reason', async (database) => {
  const { app, browser, services } = await testApp(database)
  const { id, childIds } = await demoCase(services, 'Child G Demo')
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  const selected = (html: string, childId: string) => new RegExp(`name="group-${childId}"[\\s\\S]*?<option value="(\\d+)" selected`).exec(html)?.[1]
  const proposed = (await practitioner.get(`/incidents/${id}/notifications`)).body
  assert.deepEqual([selected(proposed, childIds[0] ?? ''), selected(proposed, childIds[1] ?? '')], ['1', '1'], 'starts from the proposal: siblings on one notification')
  const groups = { [`group-${childIds[0]}`]: '1', [`group-${childIds[1]}`]: '2' }
  const noReason = await post(practitioner, `/incidents/${id}/notifications`, { ...groups, reason: '' })
  assert.equal(noReason.statusCode, 400)
  assert.match(noReason.body, /Enter why you are changing the notifications proposed/)
  assert.equal((await post(practitioner, `/incidents/${id}/notifications`, { ...groups, reason: 'Different households (fictional).' })).statusCode, 303)
  assert.match((await practitioner.get(`/incidents/${id}`)).body, /Changed by the user: Different households \(fictional\)/)
  const adjusted = (await practitioner.get(`/incidents/${id}/notifications`)).body
  assert.deepEqual([selected(adjusted, childIds[0] ?? ''), selected(adjusted, childIds[1] ?? '')], ['1', '2'], 'then from the adjustment')
  const partner = browser()
  await partner.signIn(DEMO.partner)
  assert.equal((await partner.get(`/incidents/${id}/notifications`)).statusCode, 403)
  await app.close()
})

forEachDatabase('the business unit asks the partners; the decision owner records a working view and judges abuse or neglect', async (database) => {
  const { app, browser, services } = await testApp(database)
  const recorder = await actorFor(services, DEMO.practitioner)
  const { id } = await recordIncident(services, recorder, { abuse: { abuseOrNeglect: 'not_yet_known' } })
  const businessUnit = browser()
  await businessUnit.signIn(DEMO.businessUnit)
  const casePage = await businessUnit.get(`/incidents/${id}`)
  assert.match(casePage.body, /Ask the police and health partners/)
  assert.doesNotMatch(casePage.body, /Change the incident record/, 'no link the business unit’s permissions would refuse')
  assert.equal((await post(businessUnit, `/incidents/${id}/request-views`, { comment: '' })).statusCode, 303)
  assert.equal((await businessUnit.get(`/incidents/${id}/decision`)).statusCode, 403)
  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  assert.equal((await post(owner, `/incidents/${id}/view`, { view: 'unsure', reasons: '' })).statusCode, 400)
  assert.equal((await post(owner, `/incidents/${id}/view`, { view: 'unsure', reasons: 'Waiting for the hospital (fictional).' })).statusCode, 303)
  assert.match((await owner.get(`/incidents/${id}`)).body, /Waiting for the hospital \(fictional\)/)
  const path = `/incidents/${id}/decision`
  const open = await post(owner, path, { decision: 'notify', rationale: 'Suspicion is enough (fictional).' })
  assert.equal(open.statusCode, 400)
  assert.match(open.body, /href="#abuseOrNeglect">Select whether abuse or neglect is suspected/)
  const judged = { 'abuseOrNeglect-answer': 'yes', 'abuseOrNeglect-why': 'Injuries unexplained (fictional).' }
  assert.equal((await post(owner, path, { decision: 'notify', rationale: 'Suspicion is enough (fictional).', ...judged })).statusCode, 303)
  await app.close()
})
