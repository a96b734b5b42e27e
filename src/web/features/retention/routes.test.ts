import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { demoChild } from '../../../../test/retention/helpers.js'
import { DEMO, testApp } from '../../testing.js'
import { defaultPeriods } from '../../../domain/retention/index.js'
import { DEMO_PASSWORD, createServices, systemActor, testClock } from '../../../services/index.js'

const periods = (overrides: Record<string, string> = {}) => ({ ...Object.fromEntries(Object.entries(defaultPeriods()).map(([k, v]) => [k, String(v)])), ...overrides })

forEachDatabase('retention periods: admins change them with clear errors; auditors read them; the privacy notice shows them', async (database) => {
  const { app, browser } = await testApp(database)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  assert.match((await admin.get('/settings')).body, /href="\/settings\/retention"/)
  await admin.get('/settings/retention')
  const bad = await admin.post('/settings/retention', periods({ closed_case: 'forever', session: '' }))
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /href="#closed_case">Closed cases must be a whole number of years/)
  assert.match(bad.body, /href="#session">Enter how many days to keep signed-in sessions/)
  assert.match(bad.body, /value="forever"/)
  const saved = await admin.post('/settings/retention', periods({ closed_case: '40' }))
  assert.equal(saved.statusCode, 303)
  assert.match((await admin.get('/settings/retention')).body, /name="closed_case"[^>]*value="40"/)
  assert.match((await admin.get('/privacy')).body, /Anonymised 40 years after the last change to the case/)
  assert.match((await browser().get('/privacy')).body, /Anonymised 35 years after the last change to the case/, 'signed out: the defaults')

  const auditor = browser()
  await auditor.signIn(DEMO.auditor)
  const read = await auditor.get('/settings/retention')
  assert.equal(read.statusCode, 200)
  assert.doesNotMatch(read.body, /<form method="post" action="\/settings\/retention"/)
  assert.equal((await auditor.post('/settings/retention', periods({ closed_case: '1' }))).statusCode, 403)
  await app.close()
})

forEachDatabase('subject access export: the business unit gets a page or JSON after giving a reason; others get 404 or 403', async (database) => {
  const { app, browser, services } = await testApp(database)
  const { incidentId, childId } = await demoChild(database, 'Child M Demo')
  // An exporter in the other authority: the case is not theirs, so it does not exist for them.
  const demoBorough = await services.authorities.getByCode('DEMO')
  assert.ok(demoBorough)
  const added = await services.users.add(systemActor(), { email: 'business-unit.demo-borough@demo.example', name: 'Demo Borough business unit (fictional)', password: DEMO_PASSWORD, role: 'business-unit', authorityId: demoBorough.id })
  assert.ok(added.ok)
  const path = `/incidents/${incidentId}/children/${childId}/subject-access`
  const business = browser()
  await business.signIn(DEMO.businessUnit)
  assert.equal((await business.get(path)).statusCode, 200)
  const missing = await business.post(path, { format: 'html', justification: '' })
  assert.equal(missing.statusCode, 400)
  assert.match(missing.body, /href="#justification">Enter why you are exporting/)
  const page = await business.post(path, { format: 'html', justification: 'SAR-0003 (fictional)' })
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Child M Demo/)
  assert.match(page.body, /Audit trail entries about the case/)
  await business.get(path)
  const json = await business.post(path, { format: 'json', justification: 'SAR-0003 (fictional)' })
  assert.equal(json.statusCode, 200)
  assert.match(String(json.headers['content-disposition']), /attachment; filename=".+-child-1-subject-access\.json"/)
  assert.equal((JSON.parse(json.body) as { child: { name: string } }).child.name, 'Child M Demo')

  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  assert.equal((await practitioner.get(path)).statusCode, 403)
  const elsewhere = browser()
  await elsewhere.signIn('business-unit.demo-borough@demo.example')
  assert.equal((await elsewhere.get(path)).statusCode, 404)
  assert.equal((await business.get(`/incidents/${incidentId}/children/not-a-child/subject-access`)).statusCode, 404)
  await app.close()
})

forEachDatabase('an anonymised case still opens, with its chronology, export and the reports, showing nothing removed', async (database) => {
  const { app, browser } = await testApp(database)
  const { incidentId, childId } = await demoChild(database, 'Child N Demo')
  const later = createServices(database, { now: testClock('2062-11-24T09:00:00.000Z') })
  const run = await later.retention.run()
  assert.equal(run.counts['closed_case_anonymised'], 1)
  const business = browser()
  await business.signIn(DEMO.businessUnit)
  for (const path of [`/incidents/${incidentId}`, `/incidents/${incidentId}/chronology`, '/reports']) {
    const page = await business.get(path)
    assert.equal(page.statusCode, 200, path)
    assert.doesNotMatch(page.body, /Child N Demo|agencies worked well together/, path)
  }
  const path = `/incidents/${incidentId}/children/${childId}/subject-access`
  await business.get(path)
  const exported = await business.post(path, { format: 'html', justification: 'SAR-0005 (fictional)' })
  assert.equal(exported.statusCode, 200)
  assert.match(exported.body, /removed under the retention schedule/)
  assert.doesNotMatch(exported.body, /Child N Demo/)
  await app.close()
})
