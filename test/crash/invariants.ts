// What must hold in the store after any crash: nothing half-written, no orphans, an intact audit
// chain, and every write the service acknowledged still there. Each check returns the problems it
// found, in words, so a failure report says what broke on which case.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/data/db.js'
import type { Schema } from '../../src/data/schema.js'
import { verifyAuditChain } from '../../src/services/audit.js'
import { START, STEPS, type Acknowledged } from './journey.js'

const CHILD_TABLES = ['incident_children', 'incident_events', 'partner_view_requests', 'partner_views', 'decisions'] as const

/** Rows whose case does not exist (foreign keys should make this impossible; this proves it). */
async function orphans(db: Kysely<Schema>): Promise<string[]> {
  const problems: string[] = []
  for (const table of CHILD_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} t where not exists (select 1 from incidents i where i.id = t.incident_id)`.execute(db)
    if (Number(rows[0]?.n) > 0) problems.push(`${rows[0]?.n} ${table} rows belong to no incident`)
  }
  // An audit entry for a change whose data was lost would mean the change was half-written.
  const { rows } = await sql<{ record_id: string }>`select distinct record_id from audit_entries a where record_type = 'incident' and record_id is not null and not exists (select 1 from incidents i where i.id = a.record_id)`.execute(db)
  for (const row of rows) problems.push(`the audit trail names incident ${row.record_id}, which does not exist`)
  return problems
}

/** Each case the harness made is whole: its creation audited once, each history event audited, a submitted case has a child. */
async function wholeCases(db: Kysely<Schema>, baseline: ReadonlySet<string>): Promise<string[]> {
  const problems: string[] = []
  const incidents = await db.selectFrom('incidents').select(['id', 'status']).execute()
  for (const incident of incidents.filter((i) => !baseline.has(i.id))) {
    const audited = await db.selectFrom('audit_entries').select(['action', 'outcome']).where('record_type', '=', 'incident').where('record_id', '=', incident.id).execute()
    const created = audited.filter((a) => a.action === 'incident.created').length
    if (created !== 1) problems.push(`incident ${incident.id} has ${created} creation entries in the audit trail`)
    const events = await db.selectFrom('incident_events').select('action').where('incident_id', '=', incident.id).execute()
    for (const action of new Set(events.map((e) => e.action))) {
      const wanted = events.filter((e) => e.action === action).length
      const found = audited.filter((a) => a.action === `incident.${action.replace(/_/g, '-')}` && a.outcome.startsWith('done')).length
      if (found < wanted) problems.push(`incident ${incident.id} has ${wanted} "${action}" events but ${found} audit entries for them`)
    }
    if (incident.status !== 'draft') {
      const children = await db.selectFrom('incident_children').select('id').where('incident_id', '=', incident.id).execute()
      if (children.length === 0) problems.push(`incident ${incident.id} is ${incident.status} with no child`)
      if (!events.some((e) => e.action === 'submit')) problems.push(`incident ${incident.id} is ${incident.status} with no submission in its history`)
    }
  }
  return problems
}

/** Every step that got a 303 is stored. */
async function acknowledgedWrites(db: Kysely<Schema>, acknowledged: Acknowledged): Promise<string[]> {
  const problems: string[] = []
  for (const [id, { n, steps }] of acknowledged) {
    const checks = [START, ...STEPS].slice(0, steps)
    for (const step of checks) {
      const missing = await step.stored(db, id, n)
      if (missing) problems.push(`case ${n} (${id}): "${step.name}" was acknowledged but ${missing}`)
    }
  }
  return problems
}

export async function checkStore(database: Database, baseline: ReadonlySet<string>, acknowledged: Acknowledged): Promise<string[]> {
  const verdict = await verifyAuditChain(database)
  return [
    ...(verdict.ok ? [] : [`the audit chain does not verify: entry ${verdict.firstBad.seq} ${verdict.firstBad.problem}`]),
    ...(await orphans(database.db)),
    ...(await wholeCases(database.db, baseline)),
    ...(await acknowledgedWrites(database.db, acknowledged)),
  ]
}
