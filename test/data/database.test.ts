import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sql } from 'kysely'
import { migrateToLatest, openDatabase } from '../../src/data/db.js'
import { authoritiesRepository, partnersRepository } from '../../src/data/repositories/authorities.js'
import { forEachDatabase, rawSql, schemaChangesInTurn, servicesAt } from '../helpers/databases.js'
import { systemActor } from '../../src/services/index.js'

forEachDatabase('migrations create every table and run once', async (database) => {
  const again = await schemaChangesInTurn(() => migrateToLatest(database))
  assert.deepEqual(again.applied, [], 'a second run applies nothing')
  for (const table of ['authorities', 'partner_organisations', 'authority_partners', 'users', 'memberships', 'sessions', 'audit_entries', 'audit_chain_head'] as const) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    assert.ok(Number.isInteger(Number(row.n)), `${table} can be counted`)
  }
})

forEachDatabase('authorities: insert, find by id and code, list, and a version-checked update', async (database) => {
  const repo = authoritiesRepository(database.db)
  const at = '2026-11-24T09:00:00.000Z'
  const base = { decision_owner_title: 'Head of Quality', decision_owner_name: null, decision_owner_email: null, decision_owner_phone: null, partnership_name: null, partnership_email: null, created_at: at, updated_at: at, version: 1 }
  await repo.insert({ ...base, id: 'a1', code: 'ZED', name: 'Zed Borough Council (fictional)' })
  await repo.insert({ ...base, id: 'a2', code: 'ALP', name: 'Alpha District Council (fictional)' })
  assert.equal((await repo.findByCode('zed'))?.id, 'a1')
  assert.equal((await repo.findById('a2'))?.code, 'ALP')
  assert.deepEqual((await repo.list()).map((a) => a.code), ['ALP', 'ZED'])
  assert.equal(await repo.updateSettings('a1', 1, { name: 'Renamed (fictional)' }, at), true)
  assert.equal(await repo.updateSettings('a1', 1, { name: 'Lost update' }, at), false, 'the version moved on')
  assert.equal((await repo.findById('a1'))?.name, 'Renamed (fictional)')
  await assert.rejects(repo.insert({ ...base, id: 'a3', code: 'ZED', name: 'Duplicate' }), 'codes are unique')
})

forEachDatabase('one police force and one ICB per authority; a partner serves several authorities', async (database) => {
  const { services } = servicesAt(database)
  const actor = systemActor()
  const a = await services.authorities.add(actor, { code: 'AAA', name: 'Authority A (fictional)' })
  const b = await services.authorities.add(actor, { code: 'BBB', name: 'Authority B (fictional)' })
  const police1 = await services.partners.add(actor, { kind: 'police', name: 'Fictional Police One' })
  const police2 = await services.partners.add(actor, { kind: 'police', name: 'Fictional Police Two' })
  const icb = await services.partners.add(actor, { kind: 'health', name: 'Fictional ICB' })
  assert.ok(a.ok && b.ok && police1.ok && police2.ok && icb.ok)
  for (const id of [police1.partner.id, icb.partner.id]) {
    assert.ok((await services.partners.link(actor, a.authority.id, id)).ok)
    assert.ok((await services.partners.link(actor, b.authority.id, id)).ok)
  }
  await services.partners.link(actor, a.authority.id, police2.partner.id)
  const repo = partnersRepository(database.db)
  assert.deepEqual((await repo.forAuthority(a.authority.id)).map((p) => p.name).sort(), ['Fictional ICB', 'Fictional Police Two'])
  assert.deepEqual((await repo.forAuthority(b.authority.id)).map((p) => p.name).sort(), ['Fictional ICB', 'Fictional Police One'])
})

forEachDatabase('the database itself refuses to change or delete an audit entry', async (database) => {
  const { services } = servicesAt(database)
  await services.authorities.add(systemActor(), { code: 'AAA', name: 'Authority A (fictional)' })
  await assert.rejects(sql`update audit_entries set outcome = 'refused'`.execute(database.db), /append-only/)
  await assert.rejects(sql`delete from audit_entries`.execute(database.db), /append-only/)
  if (database.dialect === 'postgres') await assert.rejects(rawSql(database, 'truncate audit_entries'), /append-only/)
  assert.deepEqual(await services.audit.verify(), { ok: true, checked: 1 })
})

test('a SQLite file database: its folder is created, WAL, synchronous FULL and foreign keys on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sin-db-'))
  try {
    const database = await openDatabase(`sqlite:${join(dir, 'nested', 'sin.db')}`)
    try {
      await migrateToLatest(database)
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0] as unknown
      assert.equal(await pragma('journal_mode'), 'wal')
      assert.equal(await pragma('synchronous'), 2, 'FULL')
      assert.equal(await pragma('foreign_keys'), 1)
      await assert.rejects(sql`insert into memberships (user_id, authority_id, role, created_at) values ('nobody', 'nowhere', 'admin', 'x')`.execute(database.db))
    } finally {
      await database.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('SQLite reuses prepared statements safely: after a stream left half-read, and after a schema change', async () => {
  const database = await openDatabase('sqlite::memory:')
  try {
    await sql`create table things (id integer primary key, name text)`.execute(database.db)
    await sql`insert into things (name) values ('one'), ('two'), ('three')`.execute(database.db)
    const things = () => database.db.selectFrom(sql`things`.as('t')).selectAll().orderBy(sql`id`)
    // A stream left after its first row: the same statement must answer in full next time.
    for await (const row of things().stream()) {
      assert.equal((row as { name: string }).name, 'one')
      break
    }
    assert.deepEqual((await things().execute()).map((r) => (r as { name: string }).name), ['one', 'two', 'three'])
    // A statement kept from before a column was added answers with the new column.
    const query = sql<Record<string, unknown>>`select * from things order by id`
    assert.deepEqual(Object.keys((await query.execute(database.db)).rows[0] ?? {}), ['id', 'name'])
    await sql`alter table things add column colour text`.execute(database.db)
    assert.deepEqual(Object.keys((await query.execute(database.db)).rows[0] ?? {}), ['id', 'name', 'colour'])
  } finally {
    await database.close()
  }
})
