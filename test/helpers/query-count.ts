// Counts the statements a piece of work sends to the database, through a Kysely plugin on a copy
// of the database handle (also inside transactions, which inherit the plugin). The guards in
// test/performance use it to catch a page that runs one query per row. Session bookkeeping is
// not counted.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import type { Database } from '../../src/data/db.js'

export interface CountedDatabase {
  readonly database: Database
  /** Statements sent since the last reset, by their SQL kind (SelectQueryNode, InsertQueryNode…). */
  readonly counts: Map<string, number>
  total(): number
  reset(): void
}

/** Statements on these tables are left out: the session is written when it changes or every 15 s, whatever the page. */
const SESSION_TABLE = /"kind":"IdentifierNode","name":"sessions"/

export function countingQueries(database: Database): CountedDatabase {
  const counts = new Map<string, number>()
  const plugin: KyselyPlugin = {
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      if (SESSION_TABLE.test(JSON.stringify(node))) return node
      counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1)
      return node
    },
    transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(result)
    },
  }
  return {
    database: { ...database, db: database.db.withPlugin(plugin) },
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
  }
}
