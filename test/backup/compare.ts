// Reading a whole store for comparison: every table's rows, sorted, as JSON text.
import { sql } from 'kysely'
import type { Database } from '../../src/data/db.js'

export async function tableNames(database: Database): Promise<string[]> {
  const query =
    database.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
      : sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by table_name`
  return (await query.execute(database.db)).rows.map((r) => r.name)
}

/** Each table's rows as sorted JSON lines. */
export async function contents(database: Database): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>()
  for (const name of await tableNames(database)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db)
    tables.set(name, rows.map((r) => JSON.stringify(r)).sort())
  }
  return tables
}
