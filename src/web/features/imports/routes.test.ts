import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { Database } from '../../../data/db.js'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp, type TestBrowser } from '../../testing.js'

const fixture = (name: string) => readFileSync(`test/fixtures/import/${name}`)
const count = async (database: Database, table: 'incidents' | 'imported_cases') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const auditCount = async (database: Database, action: string) => (await database.db.selectFrom('audit_entries').select('id').where('action', '=', action).execute()).length

/** Uploads a fixture and accepts the guessed columns; answers the dry run page's path. */
async function uploadAndMap(user: TestBrowser, name: string): Promise<string> {
  await user.get('/incidents/import')
  const uploaded = await user.upload('/incidents/import', { name, content: fixture(name) })
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300))
  const columns = uploaded.headers.location ?? ''
  const page = await user.get(columns)
  const chosen = Object.fromEntries([...page.body.matchAll(/<select[^>]*name="(\w+)"[\s\S]*?<\/select>/g)].map((m) => [m[1] ?? '', /<option value="(\d*)" selected/.exec(m[0])?.[1] ?? '']))
  const mapped = await user.post(columns, chosen)
  assert.equal(mapped.statusCode, 303, mapped.body.slice(0, 300))
  return mapped.headers.location ?? ''
}

/** The dry run's table as "row | column | message" lines. */
const problems = (body: string) => [...body.matchAll(/<tr class="govuk-table__row">\s*<th[^>]*>\s*(\d+)\s*<\/th>\s*<td[^>]*>\s*([^<]*?)\s*<\/td>\s*<td[^>]*>\s*([^<]*?)\s*<\/td>/g)].map((m) => `${m[1]} | ${m[2]} | ${(m[3] ?? '').replace(/&#39;|&rsquo;/g, '’')}`)

forEachDatabase('the dry runs of a CSV and an XLSX with mistakes list each problem by row and column, and store nothing', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  const incidentsBefore = await count(database, 'incidents')
  const csv = await user.get(await uploadAndMap(user, 'tracker-with-errors.csv'))
  assert.equal(csv.statusCode, 200)
  assert.deepEqual(problems(csv.body), [
    '3 | Date LA aware | Enter a real date, for example 24/11/2026',
    '4 | Incident type | Enter death or serious harm',
    '5 | Case ref | Enter the case reference',
    '6 | Case ref | Case reference TRK-001 is also on row 2: each case must have its own reference',
    '7 | Child initials | Remove the formula: enter the value itself (cells cannot start with =, +, - or @)',
    '8 | Date LA aware | Enter the date the authority became aware',
    '8 | Gender | Enter female, male or not known',
  ])
  assert.match(csv.body, /1 of 7 rows would be imported/)
  const xlsx = await user.get(await uploadAndMap(user, 'tracker-with-errors.xlsx'))
  assert.deepEqual(problems(xlsx.body), [
    '3 | Awareness date | Enter a real date, for example 24/11/2026',
    '4 | Type | Enter death or serious harm',
    '5 | Type | Enter the incident type',
    '6 | Reference | Case reference XL-001 is also on row 2: each case must have its own reference',
    '7 | Child | Remove the formula: enter the value itself (cells cannot start with =, +, - or @)',
    '8 | Awareness date | Date you became aware must be today or in the past',
  ])
  assert.equal(await count(database, 'incidents'), incidentsBefore)
  assert.equal(await count(database, 'imported_cases'), 0)
  assert.equal(await auditCount(database, 'cases.imported'), 0)
  await app.close()
})

forEachDatabase('a clean file imports every case as a draft, audited once per case and once for the import; another authority never sees them', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  const createdBefore = await auditCount(database, 'incident.created')
  const check = await uploadAndMap(user, 'tracker-clean.csv')
  const dryRun = await user.get(check)
  assert.match(dryRun.body, /3 of 3 rows would be imported/)
  assert.match(dryRun.body, /No row has a problem/)
  const done = await user.post(check)
  assert.equal(done.statusCode, 200)
  assert.match(done.body, /3 cases added as drafts/)
  assert.equal(await count(database, 'imported_cases'), 3)
  assert.equal(await auditCount(database, 'incident.created'), createdBefore + 3)
  assert.equal(await auditCount(database, 'cases.imported'), 1)

  const ids = [...done.body.matchAll(/href="\/incidents\/([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '')
  assert.equal(ids.length, 3)
  const stored = await database.db.selectFrom('incidents').select(['id', 'status', 'aware_date']).where('id', 'in', ids).orderBy('aware_date').execute()
  assert.deepEqual(stored.map((s) => [s.status, s.aware_date]), [['draft', '2026-11-16'], ['draft', '2026-11-18'], ['draft', '2026-11-20']])
  const first = await user.get(`/incidents/${ids[0] ?? ''}`)
  assert.equal(first.statusCode, 200)
  const children = await database.db.selectFrom('incident_children').select(['details']).where('incident_id', '=', ids[0] ?? '').execute()
  assert.equal(children.length, 1, 'the child is recorded as the child page records one')

  assert.equal((await user.post(check)).statusCode, 409, 'an upload imports once')
  assert.equal(await count(database, 'imported_cases'), 3)
  const again = await user.get(await uploadAndMap(user, 'tracker-clean.csv'))
  assert.match(again.body, /0 of 3 rows would be imported/)
  assert.match(again.body, /A case with reference CLEAN-01 was imported before/)

  const other = browser()
  await other.signIn(DEMO.otherAuthorityPractitioner)
  for (const id of ids) assert.equal((await other.get(`/incidents/${id}`)).statusCode, 404)
  assert.equal((await other.get(check)).statusCode, 404, 'nor the upload')
  assert.doesNotMatch((await other.get('/incidents')).body, /CLEAN-0|Test Child One/)
  await app.close()
})

forEachDatabase('uploads need a valid CSRF token, a CSV or XLSX file, and a role that records incidents', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  await user.get('/incidents/import')
  const csv = { name: 'tracker-clean.csv', content: fixture('tracker-clean.csv') }
  assert.equal((await user.upload('/incidents/import', csv, {}, null)).statusCode, 403)
  assert.equal((await user.upload('/incidents/import', csv, {}, 'forged')).statusCode, 403)
  const refusals: [string, string | Buffer, RegExp][] = [
    ['tracker.txt', 'Reference\nA', /must be a CSV or XLSX file/],
    ['tracker.xlsx', 'Reference,Date\nA,B', /not a readable XLSX file/],
    ['tracker.csv', 'Reference,Date\n', /header row but no cases/],
    ['tracker.csv', `Reference\n${Array.from({ length: 2001 }, (_, i) => `R${i}`).join('\n')}`, /2,001 rows: import at most 2,000/],
  ]
  for (const [name, content, message] of refusals) {
    const response = await user.upload('/incidents/import', { name, content })
    assert.equal(response.statusCode, 400, name)
    assert.match(response.body, /govuk-error-summary[\s\S]*href="#file"/)
    assert.match(response.body, message)
  }
  assert.equal(await count(database, 'imported_cases'), 0)
  assert.equal((await database.db.selectFrom('case_import_uploads').select('id').execute()).length, 0, 'refused files are not kept')

  const columns = await user.upload('/incidents/import', csv)
  const unmapped = await user.post(columns.headers.location ?? '', { reference: '0', awareDate: '0' })
  assert.equal(unmapped.statusCode, 400)
  assert.match(unmapped.body, /href="#awareDate">The column Reference is already chosen for the case reference/)
  assert.match(unmapped.body, /href="#outcome">Select the column that holds the incident type/)

  for (const email of [DEMO.partner, DEMO.admin, DEMO.businessUnit, DEMO.auditor]) {
    const other = browser()
    await other.signIn(email)
    assert.equal((await other.get('/incidents/import')).statusCode, 403, email)
  }
  await app.close()
})

forEachDatabase('an upload not imported within a day is deleted at the next upload', async (database) => {
  const { app, browser, clock } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  const check = await uploadAndMap(user, 'tracker-clean.csv')
  clock.advance(25 * 60 * 60 * 1000)
  await user.signIn(DEMO.practitioner)
  await uploadAndMap(user, 'tracker-with-errors.csv')
  assert.equal((await user.get(check)).statusCode, 404)
  assert.equal((await database.db.selectFrom('case_import_uploads').select('id').execute()).length, 1)
  await app.close()
})
