// Taking a consistent snapshot of the live database while the service keeps writing, and putting
// one back into an empty database. SQLite: the online backup API (a page-by-page copy that
// restarts if a write lands mid-copy, finishing on a single committed state). PostgreSQL: pg_dump
// in custom format (one repeatable-read transaction) and pg_restore, found on PATH.
import { spawn } from 'node:child_process'
import { existsSync, renameSync, rmSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import type { Dialect } from '../db.js'
import { BackupError } from './file.js'

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres'
}

const sqlitePath = (url: string) => url.slice('sqlite:'.length)

/** The connection string without its password, which goes in PGPASSWORD instead (never on a command line). */
function postgresClientEnv(url: string): { target: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  return { target: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

function runClient(program: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (d: Buffer) => {
      errors = (errors + d.toString()).slice(-2000)
    })
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupError(`${program} was not found on PATH: install the PostgreSQL client tools (the server's major version or newer)`) : error),
    )
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${program} failed (exit ${code}): ${errors.trim()}`))))
  })
}

/** Copies the live database to `snapshotPath`; answers the last migration applied. */
export async function snapshot(url: string, snapshotPath: string): Promise<string | null> {
  if (dialectOf(url) === 'sqlite') {
    const path = sqlitePath(url)
    if (!existsSync(path)) throw new BackupError(`There is no database at ${path}`)
    const source = new BetterSqlite3(path, { fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      // After the first step, copy everything left in one step: with WAL that step reads one
      // committed state while the service goes on writing, so the copy cannot keep restarting.
      await source.backup(snapshotPath, { progress: () => 1_000_000_000 })
    } finally {
      source.close()
    }
    return lastMigrationSqlite(snapshotPath)
  }
  const { target, env } = postgresClientEnv(url)
  await runClient('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${snapshotPath}`, `--dbname=${target}`], env)
  return lastMigrationPostgres(url)
}

function lastMigrationSqlite(path: string): string | null {
  const copy = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
  try {
    const table = copy.prepare("select 1 from sqlite_master where name = 'kysely_migration'").get()
    if (!table) return null
    return (copy.prepare('select name from kysely_migration order by name desc limit 1').get() as { name: string } | undefined)?.name ?? null
  } finally {
    copy.close()
  }
}

async function withPostgres<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await body(client)
  } finally {
    await client.end()
  }
}

const lastMigrationPostgres = (url: string) =>
  withPostgres(url, async (client) => {
    const found = await client.query<{ name: string }>("select name from kysely_migration order by name desc limit 1").catch(() => ({ rows: [] as { name: string }[] }))
    return found.rows[0]?.name ?? null
  })

/** How many tables the target already has (0 means it is empty and may be restored into). */
export async function tablesIn(url: string): Promise<number> {
  if (dialectOf(url) === 'sqlite') {
    const path = sqlitePath(url)
    if (!existsSync(path)) return 0
    const target = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
    try {
      return (target.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n
    } finally {
      target.close()
    }
  }
  return withPostgres(url, async (client) => {
    const found = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')")
    return Number(found.rows[0]?.n ?? 0)
  })
}

/** Puts a checked snapshot into the (empty) target. */
export async function putBack(url: string, snapshotPath: string): Promise<void> {
  if (dialectOf(url) === 'sqlite') {
    const path = sqlitePath(url)
    const copy = new BetterSqlite3(snapshotPath, { fileMustExist: true })
    try {
      const verdict = copy.pragma('integrity_check', { simple: true })
      if (verdict !== 'ok') throw new BackupError(`The backup's database fails SQLite's integrity check: ${String(verdict)}`)
    } finally {
      copy.close()
    }
    // The empty target (if any) goes, with its journal files; the snapshot takes its place in one rename.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    renameSync(snapshotPath, path)
    return
  }
  const { target, env } = postgresClientEnv(url)
  await runClient('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target}`, snapshotPath], env)
}
