// A case page reads the case through several services, each of which audits the read; the trail
// gets one 'record.viewed' entry per page request (each entry is a durable write), and another
// for every further request.
import assert from 'node:assert/strict'
import { DEMO, testApp } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'

forEachDatabase('each request for a case page adds one record.viewed entry for the case', async (database) => {
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.businessUnit)
  const caseId = (await database.db.selectFrom('incidents').innerJoin('case_progress', 'case_progress.incident_id', 'incidents.id').select('incidents.id').orderBy('reference').executeTakeFirstOrThrow()).id
  const views = async () => (await database.db.selectFrom('audit_entries').select(['request_id']).where('record_id', '=', caseId).where('action', '=', 'record.viewed').execute()).map((r) => r.request_id)
  const before = await views()
  for (let i = 0; i < 3; i++) assert.equal((await user.get(`/incidents/${caseId}`)).statusCode, 200)
  const added = (await views()).slice(before.length)
  assert.equal(added.length, 3)
  assert.equal(new Set(added).size, 3, 'one entry for each request')
  await app.close()
})
