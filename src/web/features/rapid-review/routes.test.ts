import assert from 'node:assert/strict'
import { extractText } from 'unpdf'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'
import { caseWithStatus, day, submit } from '../clocks/testing.js'

const HEALTH_PARTNER = 'health-partner@demo.example'

forEachDatabase('the business unit runs the rapid review; partners sign off for their own agency; auditors only read', async (database) => {
  const { app, browser } = await testApp(database)
  const unit = browser()
  await unit.signIn(DEMO.businessUnit)
  const id = await caseWithStatus(unit, 'Rapid review under way')
  const base = `/incidents/${id}/rapid-review`
  const page = await unit.get(base)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Rapid review sent to the Panel|rapid review/i)
  assert.match(page.body, /working days? (left|overdue)|Due today/)

  const bad = await submit(unit, `${base}/request`, { agency: 'health', contact: '', ...day('requestedOn', '2026-11-20'), workingDays: '20' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /href="#contact">Enter who was asked/)
  assert.match(bad.body, /href="#workingDays">Enter a number of working days from 1 to 15/)
  assert.equal((await submit(unit, `${base}/request`, { agency: 'police', contact: 'Detective sergeant (fictional)', ...day('requestedOn', '2026-11-20'), workingDays: '3' })).statusCode, 303)
  const withRequest = await unit.get(base)
  assert.match(withRequest.body, /Detective sergeant \(fictional\)/)
  const received = /href="([^"]+\/received)"/.exec(withRequest.body)?.[1] ?? ''
  assert.equal((await submit(unit, received, day('receivedOn', '2026-11-23'))).statusCode, 303)
  assert.equal((await submit(unit, `${base}/meeting`, { ...day('heldOn', '2026-11-23'), attendees: 'Police (fictional)\nHealth (fictional)' })).statusCode, 303)
  assert.equal((await submit(unit, `${base}/safeguarding-action`, { agency: 'authority', description: 'Siblings’ safety plan reviewed (fictional).' })).statusCode, 303)

  const health = browser()
  await health.signIn(HEALTH_PARTNER)
  assert.equal((await health.get(`${base}/request`)).statusCode, 403, 'partners do not run the review')
  assert.equal((await submit(health, `${base}/contribute`, { information: 'GP saw the child twice (fictional).', signOff: 'yes' })).statusCode, 303)
  const signed = await unit.get(base)
  assert.match(signed.body, /GP saw the child twice \(fictional\)/)
  assert.match(signed.body, /Health[\s\S]*?Signed off by health-partner@demo\.example/)

  const auditor = browser()
  await auditor.signIn(DEMO.auditor)
  const read = await auditor.get(base)
  assert.equal(read.statusCode, 200)
  assert.doesNotMatch(read.body, /Ask an agency for information|Send the rapid review to the Panel/)
  for (const path of ['request', 'contribute', 'send']) assert.equal((await auditor.get(`${base}/${path}`)).statusCode, 403, path)

  const criteria = { 'criteria-a-met': 'yes', 'criteria-a-reasons': 'Sharing needs improving (fictional).', 'criteria-b-met': 'no', 'criteria-b-reasons': 'No theme (fictional).', 'criteria-c-met': 'yes', 'criteria-c-reasons': 'Two agencies (fictional).', 'criteria-d-met': 'no', 'criteria-d-reasons': 'Not considered (fictional).' }
  const unanswered = await submit(unit, `${base}/send`, { ...day('sentOn', '2026-11-24'), recommendation: 'local_practice_review', reasons: 'Agreed (fictional).' })
  assert.equal(unanswered.statusCode, 400)
  assert.match(unanswered.body, /href="#criteria-a-met">Answer criterion \(a\)/)
  assert.equal((await submit(unit, `${base}/send`, { ...day('sentOn', '2026-11-24'), recommendation: 'local_practice_review', reasons: 'Agreed by the partners (fictional).', ...criteria })).statusCode, 303)
  const sent = await unit.get(base)
  assert.match(sent.body, /A local child safeguarding practice review/)
  assert.match(sent.body, /Criterion \(c\)[\s\S]*Met: Two agencies/)
  assert.equal((await submit(unit, `${base}/panel-response`, { ...day('receivedOn', '2026-11-24'), agreed: 'yes', comments: '' })).statusCode, 303)
  assert.match((await unit.get(base)).body, /The Panel’s response[\s\S]*Yes/)
  await app.close()
})

forEachDatabase('the practice review, actions, a clock extension, the chronology and its exports, closing and reopening', async (database) => {
  const { app, browser } = await testApp(database)
  const unit = browser()
  await unit.signIn(DEMO.businessUnit)
  const id = await caseWithStatus(unit, 'Rapid review sent to the Panel')
  const base = `/incidents/${id}`
  assert.equal((await submit(unit, `${base}/practice-review/commission`, day('decidedOn', '2026-11-24'))).statusCode, 303)
  const review = await unit.get(`${base}/practice-review`)
  assert.match(review.body, /Local child safeguarding practice review/)
  assert.match(review.body, /24 May 2027/, 'publication due 6 months from the decision')
  const details = await submit(unit, `${base}/practice-review/details`, { reviewer: 'Independent reviewer (fictional)', ...day('plannedPublicationOn', '2027-05-03'), milestoneName: 'Draft report', ...day('milestoneDue', '2027-02-01') })
  assert.equal(details.statusCode, 303)
  const detailed = await unit.get(`${base}/practice-review`)
  assert.match(detailed.body, /Independent reviewer \(fictional\)/)
  assert.match(detailed.body, /Draft report/)
  assert.match(detailed.body, /Final report/i)

  const noAction = await submit(unit, `${base}/actions/new`, { source: 'practice_review', description: '', ownerPerson: '' })
  assert.equal(noAction.statusCode, 400)
  assert.match(noAction.body, /href="#description">Enter the action/)
  assert.equal((await submit(unit, `${base}/actions/new`, { source: 'practice_review', description: 'Train reception staff (fictional).', agencies: 'health', ownerAgency: 'health', ownerPerson: 'Practice manager (fictional)', ...day('dueOn', '2027-01-15') })).statusCode, 303)
  const actions = await unit.get(`${base}/actions`)
  const update = new RegExp(`href="(${base}/actions/[0-9a-f-]{36})"[^>]*>Update<span class="govuk-visually-hidden">[^<]*Train reception`).exec(actions.body)?.[1] ?? ''
  const noEvidence = await submit(unit, update, { status: 'complete', evidence: '' })
  assert.equal(noEvidence.statusCode, 400)
  assert.match(noEvidence.body, /Enter the evidence of completion/)
  assert.equal((await submit(unit, update, { status: 'complete', evidence: 'Attendance list (fictional).', ...day('completedOn', '2026-11-24') })).statusCode, 303)
  assert.match((await unit.get(`${base}/actions`)).body, /Train reception staff[\s\S]*?Complete/)

  const extend = await unit.get(`${base}/clocks/extend`)
  const key = /name="clockKey" type="radio" value="([^"]+)"/.exec(extend.body)?.[1] ?? ''
  assert.equal((await submit(unit, `${base}/clocks/extend`, { clockKey: key, ...day('newDue', '2027-06-30'), reason: '', agreedBy: 'The Panel' })).statusCode, 400)
  assert.equal((await submit(unit, `${base}/clocks/extend`, { clockKey: key, ...day('newDue', '2027-06-30'), reason: 'Criminal trial first (fictional).', agreedBy: 'The Panel' })).statusCode, 303)
  assert.match((await unit.get(base)).body, /30 June 2027 \(extended from/)

  const chronology = await unit.get(`${base}/chronology`)
  assert.match(chronology.body, /moj-timeline/)
  await unit.get(`${base}/chronology/export`)
  assert.equal((await unit.post(`${base}/chronology/export`, { format: 'csv', justification: '' })).statusCode, 400)
  const csv = await unit.post(`${base}/chronology/export`, { format: 'csv', justification: 'For the review panel (fictional).' })
  assert.match(String(csv.headers['content-type']), /text\/csv/)
  assert.match(csv.body, /^When,What,Who,Detail/)
  const pdf = await unit.post(`${base}/chronology/export`, { format: 'pdf', justification: 'For the review panel (fictional).' })
  const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })
  assert.match(text, /Chronology/)

  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  const closed = await caseWithStatus(owner, 'Closed')
  assert.equal((await submit(owner, `/incidents/${closed}/reopen`, { comment: '' })).statusCode, 400)
  assert.equal((await submit(owner, `/incidents/${closed}/reopen`, { comment: 'New information (fictional).' })).statusCode, 303)
  assert.match((await owner.get(`/incidents/${closed}`)).body, /govuk-tag[^>]*>\s*No further review/)
  assert.equal((await submit(owner, `/incidents/${closed}/close`, { comment: 'Actions complete (fictional).' })).statusCode, 303)
  assert.match((await owner.get(`/incidents/${closed}`)).body, /govuk-tag[^>]*>\s*Closed/)
  await app.close()
})
