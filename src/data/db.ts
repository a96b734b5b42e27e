// Opens the database DATABASE_URL names: `sqlite:PATH` (the embedded default) or `postgres://…`.
// Everything above this file sees one Kysely<Schema>; the dialect is exposed only for the rare
// statement that must differ (see docs/data.md).
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely'
import pg from 'pg'
import { migrationProvider } from './migrations/index.js'
import type { Schema } from './schema.js'

export type Dialect = 'sqlite' | 'postgres'

export interface Database {
  readonly db: Kysely<Schema>
  readonly dialect: Dialect
  close(): Promise<void>
}

export interface PostgresOptions {
  /** Sets search_path on every connection; the tests use it to give each run its own schema. */
  readonly schema?: string
  readonly maxConnections?: number
}

// PostgreSQL returns bigint (int8) as text to avoid losing precision; our counts and sequence
// numbers stay far below 2^53, so numbers are what both dialects should answer.
pg.types.setTypeParser(20, (value) => Number(value))

/** Opens (and for SQLite creates) the database. Does not migrate: call migrateToLatest. */
export async function openDatabase(url: string, options: PostgresOptions = {}): Promise<Database> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length))
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options)
  throw new Error('DATABASE_URL must be postgres://… or sqlite:PATH')
}

function openSqlite(path: string): Database {
  const memory = path === ':memory:'
  if (!memory) mkdirSync(dirname(path), { recursive: true })
  const connection = new BetterSqlite3(path)
  // WAL lets readers carry on during a write; synchronous=FULL makes every commit durable even
  // after a power cut (security.md §4); busy_timeout waits for another process's write lock.
  if (!memory) connection.pragma('journal_mode = WAL')
  connection.pragma('synchronous = FULL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('busy_timeout = 5000')
  // The default page cache (2 MB) is far smaller than the pages a worklist or report touches in a
  // national database, so every request went back to the operating system for them.
  connection.pragma('cache_size = -32768')
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}

/** How many prepared statements a SQLite connection keeps: more than the service's distinct queries. */
const STATEMENTS_KEPT = 500

/**
 * Kysely prepares every statement afresh, which cost a case page about a sixth of its time
 * (docs/performance.md). This keeps the most recently used ones, by their SQL, for reuse; one
 * still being read (a streamed result) is never handed out twice.
 */
function withStatementCache(connection: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => connection.close(),
    prepare(text: string) {
      const kept = statements.get(text)
      if (kept && !kept.busy) {
        // Most recently used last, so the first is the one to forget.
        statements.delete(text)
        statements.set(text, kept)
        return kept
      }
      const statement = connection.prepare(text)
      if (!kept) statements.set(text, statement)
      if (statements.size > STATEMENTS_KEPT) statements.delete(statements.keys().next().value as string)
      return statement
    },
  }
}

function openPostgres(url: string, options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', close: () => db.destroy() }
}

/** Runs every migration not yet applied. Throws if one fails (the rest are not attempted). */
export async function migrateToLatest(database: Database): Promise<{ applied: string[] }> {
  // Kysely looks for its own bookkeeping tables in every schema unless told which one, so on a
  // PostgreSQL server holding several schemas (the tests make one each) name the current one.
  const migrationTableSchema =
    database.dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema : undefined
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect), ...(migrationTableSchema ? { migrationTableSchema } : {}) })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  // SQLite plans from the statistics ANALYZE keeps; a new index has none until this gathers them
  // (only for tables that need it, so it is quick when nothing changed).
  if (database.dialect === 'sqlite') await sql`pragma optimize = 0x10002`.execute(database.db)
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}

/** True when the database answers a trivial query (for /health). */
export async function databaseIsReachable(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db)
    return true
  } catch {
    return false
  }
}
