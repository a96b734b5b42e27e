// Views recorded together are committed together (src/services/view-entries.ts): one transaction
// for the views of requests served at the same moment, each request answered only once its entry
// is committed, and the chain still whole.
import assert from 'node:assert/strict'
import type { Database } from '../../src/data/db.js'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { actorFor } from '../helpers/incidents.js'

/** The database with a count of the transactions begun through it. */
function counting(database: Database): { database: Database; transactions: () => number } {
  let begun = 0
  const db = new Proxy(database.db, {
    get(target, property) {
      // Kysely keeps private fields, so its methods must run on the object itself.
      const value = Reflect.get(target, property, target) as unknown
      if (property !== 'transaction') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
      return () => {
        begun += 1
        return target.transaction()
      }
    },
  })
  return { database: { ...database, db }, transactions: () => begun }
}

forEachDatabase('case pages read at the same moment commit their view entries together, each before its answer', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const counted = counting(database)
  const { services: viaCount } = servicesAt(counted.database, '2026-11-24T10:00:00.000Z')
  const ids = (await database.db.selectFrom('incidents').select('id').where('reference', 'like', 'COV-%').orderBy('reference').limit(6).execute()).map((r) => r.id)
  const business = await actorFor(viaCount, 'business-unit@demo.example')
  const views = () => database.db.selectFrom('audit_entries').select('record_id').where('action', '=', 'record.viewed').where('at', '=', '2026-11-24T10:00:00.000Z').execute()

  const begunBefore = counted.transactions()
  const reads = await Promise.all(ids.map(async (id) => {
    const read = await viaCount.incidents.getIncident(business.kind === 'user' ? { ...business, requestId: `request-${id}` } : business, id)
    // Answered only once its own entry is on the trail.
    const recorded = (await views()).map((v) => v.record_id)
    return { ok: read.ok, recorded: recorded.includes(id) }
  }))
  assert.deepEqual(reads, ids.map(() => ({ ok: true, recorded: true })))
  assert.deepEqual((await views()).map((v) => v.record_id).sort(), [...ids].sort(), 'one entry per read')
  // A read transaction for each case; the views share fewer (how many depends on when each read
  // ends). SQLite's reads all end on one connection, one after another, so there they must share;
  // PostgreSQL's end on several at their own pace, and it commits them side by side anyway.
  const forViews = counted.transactions() - begunBefore - ids.length
  assert.ok(forViews >= 1 && forViews <= (database.dialect === 'sqlite' ? ids.length / 2 : ids.length), `${forViews} transactions for ${ids.length} views`)
  assert.equal((await services.audit.verify()).ok, true, 'the chain verifies')
})
