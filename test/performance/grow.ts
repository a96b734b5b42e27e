// Grows the demo's data for the performance guards: copies of COV's cases (made by the services,
// so valid for every page) with new ids and references, their dates moved back whole weeks.
import { sql } from 'kysely'
import type { Database } from '../../src/data/db.js'
import { CASE_TABLES, copyCase, insertRows, readTemplates } from '../../bench/seed/copy.js'

/** Adds `times` copies of each of the authority's cases; answers how many cases it now has. */
export async function copyCases(database: Database, authorityCode: string, times: number): Promise<number> {
  const { db } = database
  const authority = await db.selectFrom('authorities').select(['id', 'code']).where('code', '=', authorityCode).executeTakeFirstOrThrow()
  const templates = await readTemplates(db, authority.id)
  let n = 0
  for (let round = 1; round <= times; round++) {
    for (const template of templates) {
      const copy = copyCase(template, authority.id, `${authority.code}-COPY-${String(++n).padStart(5, '0')}`, round * 7)
      await insertRows(db, 'incidents', [copy.incident])
      for (const table of CASE_TABLES) await insertRows(db, table, copy.rows[table])
    }
  }
  const row = await db.selectFrom('incidents').select(sql<number>`count(*)`.as('n')).where('authority_id', '=', authority.id).executeTakeFirstOrThrow()
  return Number(row.n)
}
