// Helpers for the retention and subject access tests: a dump of every table (to prove a dry run
// changes nothing and that removed data is gone everywhere), and the demo's cases by child name.
import type { Database } from '../../src/data/db.js'
import type { Schema } from '../../src/data/schema.js'

const TABLES: readonly (keyof Schema)[] = ['incidents', 'incident_children', 'incident_events', 'partner_view_requests', 'partner_views', 'decisions', 'other_authority_liaisons', 'case_progress', 'rapid_review_entries', 'learning_actions', 'email_outbox', 'sessions', 'audit_entries', 'audit_chain_head', 'retention_settings']

/** Every row of every table the retention run touches, as text, in a stable order. */
export async function dumpAll(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const table of TABLES) {
    const rows = (await database.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[]
    out[table] = JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())
  }
  return out
}

/** The case and child ids of the demo child with this name. */
export async function demoChild(database: Database, name: string): Promise<{ incidentId: string; childId: string; status: string }> {
  const rows = await database.db.selectFrom('incident_children').innerJoin('incidents', 'incidents.id', 'incident_children.incident_id')
    .select(['incident_children.id as childId', 'incidents.id as incidentId', 'incidents.status', 'incident_children.details']).execute()
  const row = rows.find((r) => (JSON.parse(r.details) as { name?: string }).name === name)
  if (!row) throw new Error(`no demo child ${name}`)
  return { incidentId: row.incidentId, childId: row.childId, status: row.status }
}
