// Migration 0003 widens the incident statuses. On SQLite it rebuilds the incidents table: the
// cases, their children and events recorded before it must survive, with foreign keys intact.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Migrator, sql } from 'kysely'
import { openDatabase } from '../../src/data/db.js'
import { migrationProvider } from '../../src/data/migrations/index.js'

test('migration 0003 on SQLite keeps earlier cases, children and events, and accepts the new statuses (sqlite)', async () => {
  const database = await openDatabase('sqlite::memory:')
  try {
    const migrator = new Migrator({ db: database.db, provider: migrationProvider('sqlite') })
    const before = await migrator.migrateTo('0002_incidents')
    assert.equal(before.error, undefined)
    // Rows as 0002 stored them, written directly: today's services also write columns that later
    // migrations add (the audit trail's personal-field digest, 0010), so they cannot run on 0002.
    const at = '2026-11-24T09:00:00.000Z'
    const recorded = { id: 'incident-1' }
    await sql`insert into authorities (id, code, name, decision_owner_title, created_at, updated_at) values ('authority-1', 'COV', 'Coventry City Council', 'Decision owner', ${at}, ${at})`.execute(database.db)
    await sql`insert into incidents (id, authority_id, reference, status, aware_date, awareness, incident, abuse, safeguarding, created_at, updated_at)
      values (${recorded.id}, 'authority-1', 'COV-2026-0001', 'awaiting_discussion', '2026-11-23', '{}', '{}', '{}', '{}', ${at}, ${at})`.execute(database.db)
    await sql`insert into incident_children (id, incident_id, position, details, created_at, updated_at) values ('child-1', ${recorded.id}, 0, '{"name":"Child Test Demo"}', ${at}, ${at})`.execute(database.db)
    await sql`insert into incident_events (id, incident_id, seq, action, from_status, to_status, actor, at) values ('event-1', ${recorded.id}, 1, 'submit', 'draft', 'awaiting_discussion', 'practitioner@demo.example', ${at})`.execute(database.db)
    const after = await migrator.migrateToLatest()
    assert.equal(after.error, undefined)
    const children = await database.db.selectFrom('incident_children').select('id').where('incident_id', '=', recorded.id).execute()
    assert.equal(children.length, 1)
    const events = await database.db.selectFrom('incident_events').select('id').where('incident_id', '=', recorded.id).execute()
    assert.equal(events.length, 1)
    await sql`update incidents set status = 'rapid_review' where id = ${recorded.id}`.execute(database.db)
    await assert.rejects(sql`update incidents set status = 'nonsense' where id = ${recorded.id}`.execute(database.db))
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db)
    assert.equal(fk.rows[0]?.foreign_keys, 1)
    assert.deepEqual((await sql`pragma foreign_key_check`.execute(database.db)).rows, [])
    // Deleting a case still cascades to its children: the rebuilt table is the one referenced.
    await sql`delete from incidents where id = ${recorded.id}`.execute(database.db)
    assert.equal((await database.db.selectFrom('incident_children').select('id').execute()).length, 0)
  } finally {
    await database.close()
  }
})
