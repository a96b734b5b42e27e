// Copies of the demo's cases for the national seed: every row that hangs off a template incident,
// with fresh ids, another authority, and every date moved back by whole weeks (so weekdays stay
// weekdays). Ids and dates inside JSON text move too, so a copy is as valid for the pages as the
// case it was copied from, which the services made.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Schema } from '../../src/data/schema.js'

/** The tables whose rows belong to one incident (by incident_id), in an order that keeps foreign keys happy. */
export const CASE_TABLES = [
  'incident_children', 'incident_events', 'partner_view_requests', 'partner_views', 'decisions',
  'other_authority_liaisons', 'case_progress', 'rapid_review_entries', 'learning_actions',
] as const satisfies readonly (keyof Schema)[]

export type CaseTable = (typeof CASE_TABLES)[number]
type Row = Record<string, unknown>

export interface TemplateCase {
  readonly incident: Row
  readonly rows: Readonly<Record<CaseTable, readonly Row[]>>
  /** Every id in the template that a copy replaces (the incident's and its rows'). */
  readonly ids: readonly string[]
}

/** The cases of one authority (the demo's), with everything that hangs off them. */
export async function readTemplates(db: Kysely<Schema>, authorityId: string): Promise<TemplateCase[]> {
  const incidents = (await db.selectFrom('incidents').selectAll().where('authority_id', '=', authorityId).orderBy('reference').execute()) as Row[]
  const byIncident = new Map<string, Record<CaseTable, Row[]>>()
  for (const incident of incidents) byIncident.set(incident.id as string, Object.fromEntries(CASE_TABLES.map((t) => [t, []])) as unknown as Record<CaseTable, Row[]>)
  for (const table of CASE_TABLES) {
    // Each table is typed differently; they share incident_id, which is all this reads by.
    const rows = (await (db as unknown as Kysely<Record<string, Row>>).selectFrom(table).selectAll().execute()) as Row[]
    for (const row of rows) byIncident.get(row.incident_id as string)?.[table].push(row)
  }
  return incidents.map((incident) => {
    const rows = byIncident.get(incident.id as string) as Record<CaseTable, Row[]>
    const ids = [incident.id as string, ...CASE_TABLES.flatMap((t) => rows[t].map((r) => r.id).filter((id): id is string => typeof id === 'string'))]
    return { incident, rows, ids }
  })
}

const DAY_MS = 86_400_000
const TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g

function shiftDate(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`)
  return Number.isNaN(t) ? iso : new Date(t - days * DAY_MS).toISOString().slice(0, 10)
}

export interface CaseCopy {
  readonly incident: Row
  readonly rows: Readonly<Record<CaseTable, readonly Row[]>>
}

/**
 * One copy of a template: new ids throughout (also where JSON mentions them), the given authority
 * and reference, and every date `daysBack` earlier. Users and partner organisations stay the same.
 */
export function copyCase(template: TemplateCase, authorityId: string, reference: string, daysBack: number): CaseCopy {
  const ids = new Map(template.ids.map((id) => [id, randomUUID()]))
  const text = (value: string) => value.replace(TOKEN, (token) => (token.length === 36 ? (ids.get(token) ?? token) : shiftDate(token, daysBack)))
  const copy = (row: Row): Row => {
    const out: Row = {}
    for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'string' ? text(value) : value
    if ('authority_id' in row) out.authority_id = authorityId
    return out
  }
  const incident = { ...copy(template.incident), reference }
  const rows = Object.fromEntries(CASE_TABLES.map((t) => [t, template.rows[t].map(copy)])) as Record<CaseTable, Row[]>
  return { incident, rows }
}

/** Inserts rows in statements as large as the database's bound-parameter limit allows. */
export async function insertRows(db: Kysely<Schema>, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0] as Row).length
  // SQLite allows 32,766 parameters in a statement, PostgreSQL 65,535: stay under both.
  const perStatement = Math.max(1, Math.floor(30_000 / columns))
  for (let i = 0; i < rows.length; i += perStatement) {
    await (db as unknown as Kysely<Record<string, Row>>).insertInto(table).values(rows.slice(i, i + perStatement)).execute()
  }
}
