// The benchmark's national seed, at a tiny scale: 153 authorities, cases copied from the demo's
// that the pages show like any other, and an audit trail whose hash chain verifies.
import assert from 'node:assert/strict'
import { seedNational } from '../../bench/seed/national.js'
import { verifyAuditChain } from '../../src/services/audit.js'
import { DEMO, testApp } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'

forEachDatabase('the national seed makes 153 authorities, valid copied cases and a verifiable audit trail', async (database) => {
  const seeded = await seedNational(database, 0.002, () => undefined)
  assert.equal(seeded.figures.authorities, 153)
  assert.ok(seeded.figures.incidents >= 153 * 2, `${seeded.figures.incidents} incidents`)
  assert.equal(seeded.figures.auditEntries, 2000)
  assert.deepEqual(await verifyAuditChain(database), { ok: true, checked: (await database.db.selectFrom('audit_entries').select('seq').execute()).length })

  // A copy in Coventry, years older than the demo's cases, shows like the demo's own.
  const copy = await database.db.selectFrom('incidents').select(['id', 'reference']).where('reference', 'like', 'COV-%-_____').orderBy('aware_date').executeTakeFirstOrThrow()
  const { app, browser } = await testApp(database)
  const user = browser()
  await user.signIn(DEMO.businessUnit)
  for (const page of ['/', `/incidents/${copy.id}`, `/incidents/${seeded.caseId}`, '/reports']) assert.equal((await user.get(page)).statusCode, 200, page)
  assert.match((await user.get(`/incidents/${copy.id}`)).body, new RegExp(copy.reference))
  await app.close()
})
