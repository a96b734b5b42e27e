// A fresh, empty store for tests that run the service or `sin` as a child process: a SQLite file
// in its own temporary folder, or a PostgreSQL database of its own (created on the server that
// TEST_DATABASE_URL or DATABASE_URL names, dropped afterwards). A whole database rather than a
// schema, because pg_dump and pg_restore work on databases and the server reads DATABASE_URL only.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Dialect } from '../../src/data/db.js'

export interface FreshStore {
  readonly dialect: Dialect
  /** DATABASE_URL for the store. */
  readonly url: string
  /** A folder for the test's other files (backups, logs), removed with the store. */
  readonly dir: string
  drop(): Promise<void>
}

/** The PostgreSQL server to use, when one is configured. */
export function postgresServerUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined
}

/** SQLite always; PostgreSQL too when a server is configured. */
export function storeDialects(): Dialect[] {
  return postgresServerUrl() ? ['sqlite', 'postgres'] : ['sqlite']
}

export async function freshStore(dialect: Dialect, label: string): Promise<FreshStore> {
  const dir = mkdtempSync(join(tmpdir(), `sin-${label}-`))
  const removeDir = () => rmSync(dir, { recursive: true, force: true })
  if (dialect === 'sqlite') return { dialect, url: `sqlite:${join(dir, 'sin.db')}`, dir, drop: async () => removeDir() }
  const server = postgresServerUrl()
  if (!server) throw new Error('Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server')
  const name = `sin_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(5).toString('hex')}`
  await onServer(server, `create database ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return {
    dialect,
    url: url.toString(),
    dir,
    drop: async () => {
      await onServer(server, `drop database if exists ${name} with (force)`)
      removeDir()
    },
  }
}

async function onServer(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
