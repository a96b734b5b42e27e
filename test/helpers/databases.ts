// Runs a test body on every database the service supports: a fresh, migrated SQLite in memory
// always, and a fresh PostgreSQL schema when TEST_DATABASE_URL names a server (CI sets it).
// Each PostgreSQL run gets its own randomly named schema, dropped afterwards, so test files
// running in parallel never see each other's rows.
import { randomBytes } from 'node:crypto'
import { test, type TestContext } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { migrateToLatest, openDatabase, type Database, type Dialect } from '../../src/data/db.js'
import { createServices, testClock } from '../../src/services/index.js'

export type TestDatabaseBody = (database: Database, t: TestContext) => Promise<void>

/** The dialects this run covers: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function testDialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

/** Opens a fresh, migrated database of that dialect, runs `body`, then closes (and drops) it. */
export async function withTestDatabase<T>(dialect: Dialect, body: (database: Database) => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') {
    const database = await openDatabase('sqlite::memory:')
    try {
      await migrateToLatest(database)
      return await body(database)
    } finally {
      await database.close()
    }
  }
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  const schema = `test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    const database = await schemaChangesInTurn(async () => {
      await admin.query(`create schema ${schema}`)
      const opened = await openDatabase(url, { schema, maxConnections: 4 })
      await migrateToLatest(opened)
      return opened
    })
    try {
      return await body(database)
    } finally {
      await database.close()
    }
  } finally {
    await schemaChangesInTurn(() => admin.query(`drop schema if exists ${schema} cascade`))
    await admin.end()
  }
}

// Kysely's migrator scans every schema on the server (has_schema_privilege on each), so a schema
// that a parallel test file drops mid-scan fails the migration with "schema does not exist".
// Creating, migrating and dropping test schemas therefore take turns, across test processes
// (a no-op without PostgreSQL). Tests that run migrations again go through this too.
const SCHEMA_CHANGE_LOCK = 727_001
export async function schemaChangesInTurn<T>(work: () => Promise<T>): Promise<T> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return work()
  const lock = new pg.Client({ connectionString: url })
  await lock.connect()
  try {
    await lock.query('select pg_advisory_lock($1)', [SCHEMA_CHANGE_LOCK])
    return await work()
  } finally {
    await lock.end() // ending the session releases its advisory lock
  }
}

/** Registers one test per dialect, named "NAME (sqlite)" and "NAME (postgres)". */
export function forEachDatabase(name: string, body: TestDatabaseBody): void {
  for (const dialect of testDialects()) {
    test(`${name} (${dialect})`, (t) => withTestDatabase(dialect, (database) => body(database, t)))
  }
}

/** Services on a fixed clock, for tests that move time on by hand. */
export function servicesAt(database: Database, start?: string) {
  const clock = testClock(start)
  return { clock, services: createServices(database, { now: clock }) }
}

/** Runs raw SQL as the table owner, for tests that tamper with the database behind the service. */
export async function rawSql(database: Database, text: string): Promise<void> {
  await sql.raw(text).execute(database.db)
}
