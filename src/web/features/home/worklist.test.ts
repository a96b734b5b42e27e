import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'

/** The worklist's rows as text, one string per row. */
const rowsOf = (body: string) => [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())

forEachDatabase('the worklist shows each role what needs them, states in words, with filters, sorting, a banner and a search sent by POST', async (database) => {
  const logged: string[] = []
  const { app, browser } = await testApp(database, { logLevel: 'info', logTo: (line) => logged.push(line) })
  const asUser = async (email: string) => {
    const b = browser()
    await b.signIn(email)
    return b
  }

  const practitioner = await asUser(DEMO.practitioner)
  const theirs = rowsOf((await practitioner.get('/')).body)
  assert.ok(theirs.some((r) => r.startsWith('COV-2026-0006 Draft Finish and submit your draft')), theirs.join('\n'))
  assert.ok(theirs.every((r) => / (On track|Due today|Overdue|Due within 2 working days)$/.test(r)))

  const owner = await asUser(DEMO.decisionOwner)
  const ownerPage = (await owner.get('/')).body
  assert.match(ownerPage, /govuk-notification-banner/)
  assert.match(ownerPage, /2 things are overdue\./)
  assert.deepEqual(rowsOf(ownerPage).map((r) => r.split(' ')[0]), ['COV-2026-0001', 'COV-2026-0001', 'COV-2026-0005', 'COV-2026-0007', 'COV-2026-0002'], 'soonest deadline first')
  assert.match(rowsOf(ownerPage)[0] ?? '', /Serious incident notification to the Panel .* 20 November 2026 Overdue$/)
  assert.deepEqual(rowsOf((await owner.get('/?sort=reference')).body).map((r) => r.split(' ')[0]), ['COV-2026-0001', 'COV-2026-0001', 'COV-2026-0002', 'COV-2026-0005', 'COV-2026-0007'])
  assert.equal(rowsOf((await owner.get('/?state=overdue')).body).length, 2)
  assert.equal(rowsOf((await owner.get('/?stage=decision&dueWithin=5')).body).length, 3)
  assert.equal(rowsOf((await owner.get('/?state=not-a-state')).body).length, 5, 'a hand-edited filter shows everything')

  const partner = await asUser(DEMO.partner)
  const partnerPage = (await partner.get('/')).body
  assert.deepEqual(rowsOf(partnerPage), ['COV-2026-0009 Rapid review Sign off the rapid review for your organisation Police 8 December 2026 On track'])
  assert.doesNotMatch(partnerPage, /govuk-notification-banner/)

  const business = await asUser(DEMO.businessUnit)
  const all = rowsOf((await business.get('/')).body)
  assert.ok(all.some((r) => /Learning action: .* Health 21 November 2026 Overdue$/.test(r)))
  assert.ok(all.some((r) => r.startsWith('COV-2026-0011 Practice review')))
  assert.deepEqual(rowsOf((await business.get('/?agency=health&state=overdue')).body).map((r) => r.split(' ')[0]), ['COV-2026-0011'])

  // Search: posted, rendered on the response; the term is never in a URL, a Location or the log.
  await owner.get('/')
  const found = await owner.post('/', { search: 'Child B Demo' })
  assert.equal(found.statusCode, 200)
  assert.equal(found.headers.location, undefined)
  assert.deepEqual(rowsOf(found.body).map((r) => r.split(' ')[0]), ['COV-2026-0002'])
  assert.doesNotMatch(found.body, /href="[^"]*Child/)
  assert.equal(rowsOf((await owner.post('/', { search: 'cov-2026-0005' })).body).length, 1)
  const blank = await owner.post('/', { search: ' ' })
  assert.equal(blank.statusCode, 400)
  assert.match(blank.body, /Enter a case reference or a child’s name/)
  assert.equal((await owner.post('/', { search: 'Child B Demo' }, null)).statusCode, 403, 'CSRF token required')
  assert.doesNotMatch(logged.join('\n'), /Child B Demo/)

  const admin = await asUser(DEMO.admin)
  const adminPage = await admin.get('/')
  assert.match(adminPage.body, /What you can do/)
  assert.doesNotMatch(adminPage.body, /Your worklist/)
  await app.close()
})

forEachDatabase('the worklist pages through more than 20 items', async (database) => {
  const { app, browser, services } = await testApp(database)
  const b = browser()
  await b.signIn(DEMO.practitioner)
  const { actorFor, recordIncident } = await import('../../../../test/helpers/incidents.js')
  const practitioner = await actorFor(services, DEMO.practitioner)
  for (let n = 0; n < 20; n += 1) await recordIncident(services, practitioner, { awareDate: '2026-11-23' })
  const first = await b.get('/')
  assert.equal(rowsOf(first.body).length, 20)
  assert.match(first.body, /govuk-pagination/)
  const second = await b.get('/?sort=deadline&page=2')
  assert.ok(rowsOf(second.body).length > 0)
  await app.close()
})
