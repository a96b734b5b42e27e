import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp, type TestBrowser } from '../../testing.js'

const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? ''
const idOf = (location: unknown) => /\/incidents\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? ''

const CHILD = {
  nameStatus: 'known', name: 'Child Route Demo', approximateAge: '6', outcome: 'seriously_harmed', sex: 'female', ethnicity: 'not_stated', disability: 'no',
  normallyResident: 'yes', lookedAfter: 'no', careLeaver: 'no', childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'yes', education: 'in_school', siblingGroup: 'A',
}

/** Posts a form on the page just fetched, with that page's version. */
async function save(browser: TestBrowser, path: string, form: Record<string, string>, action = path) {
  const page = await browser.get(path)
  assert.equal(page.statusCode, 200, `${path} answers 200`)
  return browser.post(action, { version: versionOf(page.body), ...form })
}

/** Records a complete incident with two siblings through the pages, as the given user. */
async function recordThroughPages(browser: TestBrowser): Promise<string> {
  await browser.get('/incidents/new')
  const started = await browser.post('/incidents/new', { 'awareDate-day': '23', 'awareDate-month': '11', 'awareDate-year': '2026', source: 'hospital' })
  assert.equal(started.statusCode, 303)
  const id = idOf(started.headers.location)
  const base = `/incidents/${id}`
  const sections: [string, Record<string, string>][] = [
    ['incident', { 'incidentDate-day': '22', 'incidentDate-month': '11', 'incidentDate-year': '2026', location: 'this_area', outline: 'Two siblings injured at home (fictional).', exploitationOperation: 'no' }],
    ['abuse', { abuseOrNeglect: 'suspected', kinds: 'physical' }],
    ['safeguarding', { agencies: 'Police and hospital (fictional)', otherChildrenAtRisk: 'no', actionTaken: 'Safety plan agreed (fictional).' }],
  ]
  for (const [section, form] of sections) assert.equal((await save(browser, `${base}/record/${section}`, form)).statusCode, 303, section)
  assert.equal((await save(browser, `${base}/children/new`, CHILD)).statusCode, 303)
  assert.equal((await save(browser, `${base}/children/new`, { ...CHILD, name: 'Sibling Route Demo', approximateAge: '4' })).statusCode, 303)
  assert.equal((await save(browser, `${base}/check`, {}, `${base}/submit`)).statusCode, 303)
  return id
}

forEachDatabase('a practitioner records two siblings through the pages; the decision owner sees it to discuss and decides', async (database) => {
  const { app, browser } = await testApp(database)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  const list = await practitioner.get('/incidents')
  assert.equal(list.statusCode, 200)
  assert.match(list.body, /Record a potential incident/)
  assert.match(list.body, /Alex Example \(fictional\)/, 'the decision owner’s name from the settings')
  const id = await recordThroughPages(practitioner)
  const casePage = await practitioner.get(`/incidents/${id}`)
  assert.match(casePage.body, /Needs a discussion/)
  assert.match(casePage.body, /Child Route Demo and Sibling Route Demo together/)
  assert.equal((await practitioner.get(`/incidents/${id}/decision`)).statusCode, 403)

  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  assert.match((await owner.get('/incidents')).body, /Needs a discussion with you/)
  assert.equal((await save(owner, `/incidents/${id}/request-views`, { comment: 'Please share what you know.' })).statusCode, 303)

  const partner = browser()
  await partner.signIn(DEMO.partner)
  assert.equal((await save(partner, `/incidents/${id}/view`, { view: 'notify', reasons: 'Injuries consistent with abuse (fictional).' })).statusCode, 303)

  const missing = await save(owner, `/incidents/${id}/decision`, { decision: 'notify', rationale: '' })
  assert.equal(missing.statusCode, 400)
  assert.match(missing.body, /href="#rationale">Enter the reasons for your decision/)
  assert.equal((await save(owner, `/incidents/${id}/decision`, { decision: 'notify', rationale: 'Abuse suspected, serious harm (fictional).' })).statusCode, 303)
  assert.match((await owner.get(`/incidents/${id}`)).body, /Decided: notify/)
  assert.equal((await save(owner, `/incidents/${id}/revisit`, { comment: '' })).statusCode, 400)
  assert.equal((await save(owner, `/incidents/${id}/revisit`, { comment: 'New medical evidence (fictional).' })).statusCode, 303)
  const revisited = await owner.get(`/incidents/${id}`)
  assert.match(revisited.body, /Earlier decision|Current decision/)
  assert.match(revisited.body, /Decision revisited/)
  await app.close()
})

forEachDatabase('question pages keep the input: 400 with GOV.UK errors, 409 when someone else saved first', async (database) => {
  const { app, browser } = await testApp(database)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  await practitioner.get('/incidents/new')
  const partial = await practitioner.post('/incidents/new', { 'awareDate-day': '23', 'awareDate-year': '2026', source: 'police' })
  assert.equal(partial.statusCode, 400)
  assert.match(partial.body, /href="#awareDate-day">Date you became aware must include a month/)
  assert.match(partial.body, /value="23"/)
  const started = await practitioner.post('/incidents/new', { 'awareDate-day': '23', 'awareDate-month': '11', 'awareDate-year': '2026', source: 'police' })
  const id = idOf(started.headers.location)
  const page = await practitioner.get(`/incidents/${id}/record/incident`)
  const version = versionOf(page.body)
  assert.equal((await practitioner.post(`/incidents/${id}/record/incident`, { version, outline: 'First save (fictional).' })).statusCode, 303)
  await practitioner.get(`/incidents/${id}/record/incident`)
  const stale = await practitioner.post(`/incidents/${id}/record/incident`, { version, outline: 'My stale change (fictional).' })
  assert.equal(stale.statusCode, 409)
  assert.match(stale.body, /Someone else changed this incident/)
  assert.match(stale.body, /My stale change \(fictional\)/)
  await app.close()
})

forEachDatabase('another authority’s incident answers 404; roles without the permission are refused', async (database) => {
  const { app, browser } = await testApp(database)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  await practitioner.get('/incidents/new')
  const started = await practitioner.post('/incidents/new', { 'awareDate-day': '23', 'awareDate-month': '11', 'awareDate-year': '2026', source: 'police' })
  const id = idOf(started.headers.location)
  const other = browser()
  await other.signIn(DEMO.otherAuthorityPractitioner)
  for (const path of ['', '/record', '/record/incident', '/check', '/children']) assert.equal((await other.get(`/incidents/${id}${path}`)).statusCode, 404, path)
  const partner = browser()
  await partner.signIn(DEMO.partner)
  assert.equal((await partner.get(`/incidents/${id}`)).statusCode, 404, 'partners never see drafts')
  assert.equal((await partner.get('/incidents/new')).statusCode, 403)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  assert.equal((await admin.get('/incidents')).statusCode, 403)
  const auditor = browser()
  await auditor.signIn(DEMO.auditor)
  assert.equal((await auditor.get('/incidents')).statusCode, 200)
  assert.equal((await auditor.get(`/incidents/${id}/record`)).statusCode, 403)
  const submitted = /href="\/incidents\/([0-9a-f-]{36})"/.exec((await auditor.get('/incidents')).body)?.[1] ?? ''
  for (const path of ['view', 'request-views', 'revisit']) assert.equal((await auditor.get(`/incidents/${submitted}/${path}`)).statusCode, 403, path)
  await app.close()
})

forEachDatabase('a partner raises a possible incident; it is on the decision owner’s list', async (database) => {
  const { app, browser } = await testApp(database)
  const partner = browser()
  await partner.signIn(DEMO.partner)
  await partner.get('/incidents/raise')
  const empty = await partner.post('/incidents/raise', {})
  assert.equal(empty.statusCode, 400)
  const raised = await partner.post('/incidents/raise', { 'awareDate-day': '24', 'awareDate-month': '11', 'awareDate-year': '2026', outline: 'Child admitted with burns (fictional).' })
  assert.equal(raised.statusCode, 303)
  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  const page = await owner.get(String(raised.headers.location))
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Raised by a partner/)
  await app.close()
})
