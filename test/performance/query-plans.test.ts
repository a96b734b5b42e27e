// The worklist and the reports read through indexes: every statement they send is explained on
// each database, and none may read a case table from end to end. SQLite's planner assumes tables
// are large until ANALYZE says otherwise, so its plan shows index use on the small test data;
// PostgreSQL is told not to choose a sequential scan wherever an index could serve
// (enable_seqscan = off), so a scan in its plan means no index exists for the query.
import assert from 'node:assert/strict'
import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely'
import type { Database } from '../../src/data/db.js'
import { periodOf, type Period } from '../../src/domain/reports/periods.js'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { actorFor } from '../helpers/incidents.js'

/** Tables that grow with the cases and the years; the rest are a few rows per authority. */
const GROWING = ['incidents', 'incident_children', 'incident_events', 'decisions', 'case_progress', 'learning_actions', 'rapid_review_entries', 'partner_views', 'partner_view_requests', 'other_authority_liaisons', 'audit_entries', 'email_outbox', 'sessions']

/** The statements a piece of work sends, compiled, in order (transactions' own statements left out). */
async function statementsOf(database: Database, work: (database: Database) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = []
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => (nodes.push(node), node),
    transformResult: ({ result }) => Promise.resolve(result),
  }
  await work({ ...database, db: database.db.withPlugin(plugin) })
  return nodes.filter((n) => n.kind === 'SelectQueryNode').map((n) => database.db.getExecutor().compileQuery(n, { queryId: 'explain' }))
}

/** The full scans of growing tables in a statement's plan, as the planner words them. */
async function scansIn(database: Database, query: CompiledQuery): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]))
    return plan.rows.map((r) => r.detail).filter((d) => GROWING.some((t) => new RegExp(`^SCAN ${t}\\b`).test(d)))
  }
  return database.db.connection().execute(async (connection) => {
    await connection.executeQuery(CompiledQuery.raw('set enable_seqscan = off'))
    try {
      const plan = await connection.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]))
      return plan.rows.map((r) => r['QUERY PLAN']).filter((line) => GROWING.some((t) => new RegExp(`Seq Scan on ${t}\\b`).test(line)))
    } finally {
      await connection.executeQuery(CompiledQuery.raw('reset enable_seqscan'))
    }
  })
}

forEachDatabase('the worklist of every role and the report figures read the case tables through indexes', async (database) => {
  const { services } = servicesAt(database, '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  const emails = ['business-unit@demo.example', 'decision-owner@demo.example', 'practitioner@demo.example', 'partner@demo.example']
  const actors = await Promise.all(emails.map((email) => actorFor(services, email)))
  const cov = actors[0]?.kind === 'user' ? actors[0].permissions.currentAuthority?.id : undefined
  assert.ok(cov)

  const statements = await statementsOf(database, async (counted) => {
    const { services: viaPlugin } = servicesAt(counted, '2026-11-24T09:00:00.000Z')
    for (const actor of actors) assert.ok((await viaPlugin.worklist.worklist(actor)).ok)
    // A search also reads the children's names.
    assert.ok((await viaPlugin.worklist.worklist(actors[0] as (typeof actors)[number], { search: true })).ok)
    assert.ok((await viaPlugin.reports.figures(actors[0] as (typeof actors)[number], cov, periodOf('year', '2026') as Period)).ok)
  })
  assert.ok(statements.length >= 8, `explained ${statements.length} statements`)
  const reads = statements.filter((s) => /from "(incidents|case_progress|learning_actions|decisions|partner_view_requests)"/.test(s.sql))
  assert.ok(reads.length >= 6, 'the worklist and report queries are among them')
  for (const statement of statements) assert.deepEqual(await scansIn(database, statement), [], statement.sql)
})
