// No page runs a query per row: the statements each page sends are counted on the demo's data and
// again after the authority's cases have grown several times over; the count must not grow.
import assert from 'node:assert/strict'
import { DEMO, testApp } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'
import { countingQueries } from '../helpers/query-count.js'
import { copyCases } from './grow.js'

forEachDatabase('the worklist, a case page and the reports send as many queries for many cases as for a few', async (database) => {
  const counted = countingQueries(database)
  const { app, browser } = await testApp(counted.database)
  const user = browser()
  await user.signIn(DEMO.businessUnit)
  const caseId = (await database.db.selectFrom('incidents').innerJoin('case_progress', 'case_progress.incident_id', 'incidents.id').select('incidents.id').orderBy('reference').executeTakeFirstOrThrow()).id
  const pages = ['/', `/incidents/${caseId}`, '/reports', '/?page=2', '/?sort=reference']

  async function queriesPerPage(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {}
    for (const page of pages) {
      counted.reset()
      const response = await user.get(page)
      assert.equal(response.statusCode, 200, page)
      counts[page] = counted.total()
    }
    return counts
  }

  const few = await queriesPerPage()
  const cases = await copyCases(database, 'COV', 6)
  assert.ok(cases >= 50, `grew to ${cases} cases`)
  const many = await queriesPerPage()
  assert.deepEqual(many, few, 'queries per page, many cases against few')
  for (const [page, count] of Object.entries(few)) assert.ok(count > 0 && count < 30, `${page} sends ${count} queries`)
  await app.close()
})
