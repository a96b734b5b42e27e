import assert from 'node:assert/strict'
import { extractText } from 'unpdf'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'
import { caseWithStatus, day, submit } from '../clocks/testing.js'

const packLink = (body: string) => /href="(\/incidents\/[0-9a-f-]{36}\/notification\/[^"/]+)"/.exec(body)?.[1]?.replace(/&amp;/g, '&') ?? ''

forEachDatabase('the decision owner sees the pack after saying why, downloads its PDF and records the notification as sent', async (database) => {
  const { app, browser } = await testApp(database)
  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  const id = await caseWithStatus(owner, 'Decided: notify')
  const casePage = await owner.get(`/incidents/${id}`)
  assert.match(casePage.body, /After the decision/)
  assert.match(casePage.body, /Child Safeguarding Practice Review Panel, Ofsted, Department for Education/)
  const pack = packLink(casePage.body)
  assert.ok(pack, 'the case page links to the pack')

  assert.equal((await owner.get(pack)).statusCode, 200)
  const noWhy = await owner.post(pack, { justification: '' })
  assert.equal(noWhy.statusCode, 400)
  assert.match(noWhy.body, /govuk-error-summary[\s\S]*href="#justification">Enter why you need the notification pack/)
  const shown = await owner.post(pack, { justification: 'To complete the national form (fictional).' })
  assert.equal(shown.statusCode, 200)
  assert.match(shown.body, /class="app-copy"/)
  assert.match(shown.body, /js\/copy-values\.mjs/)
  assert.match(shown.body, /Download as PDF/)

  await owner.get(`${pack}/pdf`)
  const pdf = await owner.post(`${pack}/pdf`, { justification: 'For the partners’ meeting (fictional).' })
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  assert.match(String(pdf.headers['content-disposition']), /attachment; filename=".+\.pdf"/)
  const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })
  assert.match(text, /Serious incident notification/)
  assert.match(text, /Child Safeguarding Practice Review Panel/)
  assert.match(text, /OFFICIAL-SENSITIVE/)

  const sent = `${pack}/sent`
  const invalid = await submit(owner, sent, { ...day('sentOn', '2026-11-23'), sentTime: '', nationalReference: '', sentBy: '' })
  assert.equal(invalid.statusCode, 400)
  assert.match(invalid.body, /href="#sentTime">Enter the time sent/)
  const missing = await submit(owner, sent, { ...day('sentOn', '2026-11-23'), sentTime: '2:30pm', nationalReference: '', sentBy: '' })
  assert.equal(missing.statusCode, 400)
  assert.match(missing.body, /href="#nationalReference">Enter the reference the national form gave/)
  const stale = await submit(owner, sent, { ...day('sentOn', '2026-11-23'), sentTime: '14:30', nationalReference: 'NAT-ROUTE-1', sentBy: 'Route Owner' }, '1')
  assert.equal(stale.statusCode, 409)
  assert.match(stale.body, /Someone else changed this incident/)
  assert.match(stale.body, /value="NAT-ROUTE-1"/, 'the 409 page keeps the input')
  const late = await submit(owner, sent, { ...day('sentOn', '2026-11-23'), sentTime: '14:30', nationalReference: 'NAT-ROUTE-1', sentBy: 'Route Owner' })
  assert.equal(late.statusCode, 400, 'the demo case’s notification is past its due date')
  assert.match(late.body, /href="#lateReason">Enter why the notification was sent after it was due/)
  assert.match(late.body, /<textarea[^>]*name="lateReason"/)
  const ok = await submit(owner, sent, { ...day('sentOn', '2026-11-23'), sentTime: '14:30', nationalReference: 'NAT-ROUTE-1', sentBy: 'Route Owner', lateReason: 'Waiting for the hospital’s details (fictional).' })
  assert.equal(ok.statusCode, 303)
  const after = await owner.get(`/incidents/${id}`)
  assert.match(after.body, /Sent 23 November 2026 at 2:30pm by Route Owner, reference NAT-ROUTE-1/)
  assert.match(after.body, /Rapid review under way/)
  await app.close()
})

forEachDatabase('partners and auditors cannot record the notification; another authority gets 404', async (database) => {
  const { app, browser } = await testApp(database)
  const owner = browser()
  await owner.signIn(DEMO.decisionOwner)
  const id = await caseWithStatus(owner, 'Decided: notify')
  const pack = packLink((await owner.get(`/incidents/${id}`)).body)

  const partner = browser()
  await partner.signIn(DEMO.partner)
  const seen = await partner.get(`/incidents/${id}`)
  assert.equal(seen.statusCode, 200)
  assert.doesNotMatch(seen.body, /Record as sent|Show the notification pack/)
  for (const path of [pack, `${pack}/pdf`, `${pack}/sent`, `/incidents/${id}/partners-informed`]) assert.equal((await partner.get(path)).statusCode, 403, path)
  assert.equal((await partner.post(`${pack}/sent`, { version: '1', nationalReference: 'X' })).statusCode, 403)

  const auditor = browser()
  await auditor.signIn(DEMO.auditor)
  const read = await auditor.get(`/incidents/${id}`)
  assert.equal(read.statusCode, 200)
  assert.doesNotMatch(read.body, /<form[^>]*method="post"[^>]*action="\/incidents/)
  assert.equal((await auditor.get(`/incidents/${id}/withdraw`)).statusCode, 403)
  assert.equal((await auditor.post(`${pack}/sent`, { version: '1' })).statusCode, 403)

  const other = browser()
  await other.signIn(DEMO.otherAuthorityPractitioner)
  for (const path of ['', '/rapid-review', '/practice-review', '/actions', '/chronology']) assert.equal((await other.get(`/incidents/${id}${path}`)).statusCode, 404, path)
  await app.close()
})
