// Migration 0003 widens the incident statuses. On SQLite it rebuilds the incidents table: the
// cases, their children and events recorded before it must survive, with foreign keys intact.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Migrator, sql } from 'kysely'
import { openDatabase } from '../../src/data/db.js'
import { migrationProvider } from '../../src/data/migrations/index.js'
import { loadDemo } from '../../src/services/demo.js'
import { createServices, testClock } from '../../src/services/index.js'
import { Permissions } from '../../src/domain/permissions/index.js'
import { recordIncident } from '../helpers/incidents.js'

test('migration 0003 on SQLite keeps earlier cases, children and events, and accepts the new statuses (sqlite)', async () => {
  const database = await openDatabase('sqlite::memory:')
  try {
    const migrator = new Migrator({ db: database.db, provider: migrationProvider('sqlite') })
    const before = await migrator.migrateTo('0002_incidents')
    assert.equal(before.error, undefined)
    // The services need the later tables only after a decision; recording works on 0002.
    const services = createServices(database, { now: testClock('2026-11-24T09:00:00.000Z') })
    const { authorities, partners, users } = services
    await loadDemo({ authorities, partners, users })
    // Not through sign-in, which reads the authenticator table that arrives in migration 0008.
    const found = await users.findByEmail('practitioner@demo.example')
    const practitioner = found ? await users.signedIn(found.id) : null
    assert.ok(practitioner)
    const actor = { kind: 'user' as const, userId: practitioner.id, email: practitioner.email, permissions: new Permissions(practitioner.memberships, practitioner.memberships[0]?.authorityId) }
    const recorded = await recordIncident(services, actor)
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
