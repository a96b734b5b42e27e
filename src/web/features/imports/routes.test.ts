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

forEachDatabase('the dry run of a CSV with mistakes lists each problem by row and column, and stores nothing', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.practitioner)
  const incidentsBefore = await count(database, 'incidents')
  const check = await user.get(await uploadAndMap(user, 'tracker-with-errors.csv'))
  assert.equal(check.statusCode, 200)
  console.log(problems(check.body))
  assert.match(check.body, /1 of 7 rows would be imported/)
  assert.equal(await count(database, 'incidents'), incidentsBefore)
  assert.equal(await count(database, 'imported_cases'), 0)
  await app.close()
})
