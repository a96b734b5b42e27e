// The short crash harness for every test run (3 kills per database; npm run test:crash does 50),
// the SQLite settings that make a commit survive a killed process, and proof that the harness's
// checks do find a half-written case, an orphan, a lost write and a broken audit chain.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { openDatabase } from '../../src/data/db.js'
import { forEachDatabase, rawSql } from '../helpers/databases.js'
import { actorFor, recordIncident } from '../helpers/incidents.js'
import { createServices } from '../../src/services/index.js'
import { storeDialects } from './fresh-store.js'
import { runCrashHarness } from './harness.js'
import { checkStore } from './invariants.js'

for (const dialect of storeDialects()) {
  test(`the service survives 3 SIGKILLs mid-write with every acknowledged write and an intact audit chain (${dialect})`, async (t) => {
    const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31)
    t.diagnostic(`seed ${seed} (repeat with CRASH_SEED=${seed})`)
    const result = await runCrashHarness({ dialect, kills: 3, seed, maxDelayMs: 1000 })
    assert.equal(result.kills, 3)
    assert.ok(result.acknowledgedSteps > 0, 'some writes were acknowledged before the kills')
  })
}

test('SQLite files are opened in WAL mode with synchronous=FULL, so a commit outlives the process', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sin-pragma-'))
  const database = await openDatabase(`sqlite:${join(dir, 'sin.db')}`)
  try {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db)
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db)
    assert.equal(mode.rows[0]?.journal_mode, 'wal')
    assert.equal(synchronous.rows[0]?.synchronous, 2, 'FULL')
  } finally {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

forEachDatabase('the crash checks find a lost write, a case past draft without its child, an orphan and a broken chain', async (database) => {
  const services = createServices(database)
  await services.loadDemo()
  const practitioner = await actorFor(services, 'practitioner@demo.example')
  const { id } = await recordIncident(services, practitioner)
  const baseline = new Set<string>()
  const acknowledged = new Map([[id, { n: 1, steps: 1 }]])
  assert.deepEqual(await checkStore(database, baseline, acknowledged), [], 'a whole case passes')

  acknowledged.set('00000000-0000-4000-8000-000000000000', { n: 2, steps: 1 })
  assert.match((await checkStore(database, baseline, acknowledged)).join('\n'), /case 2 .*"started" was acknowledged but the incident is missing/)
  acknowledged.delete('00000000-0000-4000-8000-000000000000')

  await rawSql(database, `delete from incident_children where incident_id = '${id}'`)
  assert.match((await checkStore(database, baseline, acknowledged)).join('\n'), /is awaiting_discussion with no child/)

  await rawSql(database, database.dialect === 'sqlite' ? 'pragma foreign_keys = off' : 'alter table incident_events disable trigger all')
  await rawSql(database, `insert into incident_events (id, incident_id, seq, action, from_status, to_status, comment, actor_user_id, actor, at) values ('e0000000-0000-4000-8000-000000000000', 'f0000000-0000-4000-8000-000000000000', 1, 'submit', 'draft', 'submitted', null, null, 'system', '2026-11-24T09:00:00.000Z')`)
  assert.match((await checkStore(database, baseline, acknowledged)).join('\n'), /1 incident_events rows belong to no incident/)

  await rawSql(database, database.dialect === 'sqlite' ? 'drop trigger audit_entries_no_update' : 'alter table audit_entries disable trigger all')
  await rawSql(database, "update audit_entries set outcome = 'tampered' where seq = 2")
  assert.match((await checkStore(database, baseline, acknowledged)).join('\n'), /the audit chain does not verify: entry 2/)
})
