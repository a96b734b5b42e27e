// sin backup and sin restore, run as an operator would (./bin/sin as a child process) on both
// databases: a backup taken while cases are being recorded restores into an empty store as one
// consistent snapshot; an encrypted backup round-trips, and a wrong key, a missing key, an altered
// file and a non-empty target are all refused with exit 2, changing nothing.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { migrateToLatest, openDatabase, type Database } from '../../src/data/db.js'
import { createServices } from '../../src/services/index.js'
import { sinBinary, sinInProcess } from '../../src/cli/run-sin.test-helper.js'
import { actorFor, recordIncident } from '../helpers/incidents.js'
import { freshStore, storeDialects, type FreshStore } from '../crash/fresh-store.js'
import { contents } from './compare.js'

const KEY = Buffer.alloc(32, 7).toString('base64')
const OTHER_KEY = Buffer.alloc(32, 9).toString('hex')
/** Tables the concurrent writer changes; every other table must match exactly. */
const WRITTEN = new Set(['incidents', 'audit_entries', 'audit_chain_head', 'incident_reference_counters'])

async function withStores(dialect: 'sqlite' | 'postgres', body: (source: FreshStore, database: Database, fresh: () => Promise<FreshStore>) => Promise<void>) {
  const made: FreshStore[] = []
  const fresh = async () => {
    const store = await freshStore(dialect, 'restore')
    made.push(store)
    return store
  }
  const source = await freshStore(dialect, 'backup')
  const database = await openDatabase(source.url)
  try {
    await migrateToLatest(database)
    await body(source, database, fresh)
  } finally {
    await database.close()
    for (const store of [source, ...made]) await store.drop()
  }
}

const sin = (args: string[], url: string, key?: string) => sinBinary(args, '', { DATABASE_URL: url, SIN_BACKUP_KEY: key ?? '' })

async function opened<T>(url: string, body: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(url)
  try {
    return await body(database)
  } finally {
    await database.close()
  }
}

for (const dialect of storeDialects()) {
  test(`a backup taken while cases are recorded restores into an empty store as one consistent snapshot (${dialect})`, () =>
    withStores(dialect, async (source, database, fresh) => {
      const services = createServices(database)
      await services.loadDemo()
      const practitioner = await actorFor(services, 'practitioner@demo.example')
      await recordIncident(services, practitioner)
      const cov = await services.authorities.getByCode('COV')
      assert.ok(cov)

      let writing = true
      let written = 0
      const writer = (async () => {
        while (writing) {
          const started = await services.incidents.start(practitioner, cov.id, { awareDate: '2026-11-23', source: 'hospital' })
          assert.ok(started.ok)
          written += 1
          // SQLite answers without I/O; let the event loop hear from the backup's process.
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      const file = join(source.dir, 'live.sinbak')
      const before = written
      const backup = await sin(['backup', '--out', file], source.url)
      const during = written - before
      writing = false
      await writer
      assert.equal(backup.status, 0, backup.stderr)
      assert.ok(during > 0, 'cases were recorded while the backup ran')

      const target = await fresh()
      const restored = await sin(['restore', file], target.url)
      assert.equal(restored.status, 0, restored.stderr)
      assert.match(restored.stdout, /The audit trail is intact/)

      const live = await contents(database)
      const copy = await opened(target.url, contents)
      assert.deepEqual([...copy.keys()], [...live.keys()], 'the same tables')
      for (const [table, rows] of live) if (!WRITTEN.has(table)) assert.deepEqual(copy.get(table), rows, `${table} is the same`)

      // The snapshot is the live store as it was at one audit entry: the same entries up to it,
      // and exactly the cases created by then, each exactly as stored.
      const head = await opened(target.url, (db) => db.db.selectFrom('audit_chain_head').select('last_seq').executeTakeFirstOrThrow())
      const entries = await database.db.selectFrom('audit_entries').selectAll().where('seq', '<=', head.last_seq).orderBy('seq').execute()
      assert.deepEqual(await opened(target.url, (db) => db.db.selectFrom('audit_entries').selectAll().orderBy('seq').execute()), entries)
      const createdBy = new Set(entries.filter((e) => e.action === 'incident.created').map((e) => e.record_id))
      const copied = await opened(target.url, (db) => db.db.selectFrom('incidents').selectAll().orderBy('id').execute())
      assert.deepEqual(copied, await database.db.selectFrom('incidents').selectAll().where('id', 'in', [...createdBy].filter((id) => id !== null)).orderBy('id').execute())
      assert.ok(copied.length < (live.get('incidents')?.length ?? 0), 'cases recorded after the snapshot are not in it')
    }))

  test(`an encrypted backup round-trips; a wrong or missing key, an altered file and a non-empty target are refused (${dialect})`, () =>
    withStores(dialect, async (source, database, fresh) => {
      const services = createServices(database)
      await services.loadDemo()
      await recordIncident(services, await actorFor(services, 'practitioner@demo.example'))
      const file = join(source.dir, 'sealed.sinbak')
      const made = await sin(['backup', '--out', file], source.url, KEY)
      assert.equal(made.status, 0, made.stderr)
      assert.match(made.stdout, /encrypted with SIN_BACKUP_KEY/)
      const bytes = readFileSync(file)
      assert.match(bytes.subarray(0, 200).toString(), new RegExp(`"kind":"${dialect}"`), 'the header names the kind of database')
      for (const plain of ['SQLite format 3', 'PGDMP', 'Child Test Demo']) assert.equal(bytes.includes(plain), false, `no "${plain}" in clear`)
      assert.equal((await sin(['backup', '--out', file], source.url, KEY)).status, 2, 'an existing file is not overwritten')

      const target = await fresh()
      const wrong = await sin(['restore', file], target.url, OTHER_KEY)
      assert.equal(wrong.status, 2)
      assert.match(wrong.stderr, /could not be decrypted: SIN_BACKUP_KEY is not the key it was made with/)
      assert.match((await sin(['restore', file], target.url)).stderr, /is encrypted: set SIN_BACKUP_KEY/)
      assert.match((await sin(['restore', file], target.url, 'not-a-key')).stderr, /SIN_BACKUP_KEY must be 32 random bytes/)
      const altered = join(source.dir, 'altered.sinbak')
      const flipped = Buffer.from(bytes)
      const middle = Math.floor(bytes.length / 2)
      flipped[middle] = (flipped[middle] ?? 0) ^ 1
      writeFileSync(altered, flipped)
      assert.match((await sin(['restore', altered], target.url, KEY)).stderr, /could not be decrypted/)

      const restored = await sin(['restore', file], target.url, KEY)
      assert.equal(restored.status, 0, restored.stderr)
      assert.deepEqual(await opened(target.url, contents), await contents(database), 'every table the same')

      const again = await sin(['restore', file], target.url, KEY)
      assert.equal(again.status, 2)
      assert.match(again.stderr, /is not empty \(it has \d+ tables\)/)
      assert.deepEqual(await opened(target.url, contents), await contents(database), 'the refused restore changed nothing')
    }))

  test(`a plain backup that was altered, or that is not a backup, is refused (${dialect})`, () =>
    withStores(dialect, async (source, _database, fresh) => {
      const file = join(source.dir, 'plain.sinbak')
      assert.equal((await sin(['backup', '--out', file], source.url)).status, 0)
      const bytes = readFileSync(file)
      bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1
      const altered = join(source.dir, 'altered.sinbak')
      writeFileSync(altered, bytes)
      const target = await fresh()
      assert.match((await sin(['restore', altered], target.url)).stderr, /has been altered or damaged/)
      writeFileSync(altered, 'hello')
      assert.match((await sin(['restore', altered], target.url)).stderr, /is not a backup made by "sin backup"/)
      assert.equal((await sin(['restore'], target.url)).status, 2)
      assert.equal(await opened(target.url, async (db) => (await contents(db)).size), 0, 'the target is still empty')
    }))
}

test('sin backup and sin restore explain themselves, and refuse missing arguments with exit 2', async () => {
  for (const name of ['backup', 'restore']) {
    const help = await sinInProcess([name, '--help'])
    assert.equal(help.status, 0)
    assert.match(help.stdout, /SIN_BACKUP_KEY/)
  }
  const noOut = await sinInProcess(['backup'])
  assert.deepEqual([noOut.status, noOut.stderr], [2, 'sin backup: --out is required\n'])
  assert.equal((await sinInProcess(['restore', 'a', 'b'])).status, 2)
  assert.match((await sinInProcess(['--help'])).stdout, /backup .*\n.*restore /)
})
