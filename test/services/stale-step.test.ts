// A step found stale only at its last write (another user's change committed after the case was
// read, which PostgreSQL's concurrent transactions allow) answers 'stale' and leaves nothing it
// wrote before: the whole transaction is undone.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { loadBundledCalendar } from '../../src/calendar/bundled.js'
import { caseStep } from '../../src/services/case-steps.js'
import { decidedCase } from '../helpers/after-decision.js'
import { forEachDatabase } from '../helpers/databases.js'

forEachDatabase('a step that finds the case changed at its last write is refused as stale and stores nothing', async (database) => {
  const c = await decidedCase(database)
  const deps = { database, now: () => new Date('2026-11-24T10:00:00.000Z'), calendar: loadBundledCalendar() }
  const actions = () => database.db.selectFrom('learning_actions').select('id').where('incident_id', '=', c.id).execute()
  const before = await actions()
  const at = '2026-11-24T10:00:00.000Z'
  const result = await caseStep(deps, c.business, c.id, c.version, { action: 'record_partners_informed', permission: 'notification:submit' }, async (work, stored, progress) => {
    await work.trx.insertInto('learning_actions').values({
      id: randomUUID(), incident_id: stored.id, authority_id: stored.authorityId, source: 'rapid_review', description: 'Written before the conflict (fictional)', agencies: '["authority"]',
      owner_agency: 'authority', owner_person: 'Nobody (fictional)', due_on: '2027-01-29', status: 'open', evidence: null, completed_on: null, created_at: at, updated_at: at,
    }).execute()
    // Another user's change, as if committed between reading the case and the step's own update.
    await work.trx.updateTable('incidents').set({ version: stored.version + 1 }).where('id', '=', stored.id).execute()
    return progress
  })
  assert.deepEqual(result, { ok: false, reason: 'stale' })
  assert.deepEqual(await actions(), before, 'the action written before the conflict is gone')
  const row = await database.db.selectFrom('incidents').select('version').where('id', '=', c.id).executeTakeFirstOrThrow()
  assert.equal(row.version, c.version, 'and so is everything else the transaction wrote')
})
