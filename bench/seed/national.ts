// The national-scale data set for the load benchmark (docs/performance.md): 153 authorities, years
// of cases and a long audit trail, written straight into the tables in large batched inserts
// inside transactions. The demo (loaded through the services, so its cases are valid) supplies
// the accounts and the template cases; every other case is a copy of one of them with new ids,
// another authority and its dates moved back. The audit trail is synthetic but a real chain:
// each entry's hash is computed exactly as the service computes it, so `sin audit verify` passes.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { sha256Hex } from '../../src/data/audit-hash.js'
import { migrateToLatest, type Database } from '../../src/data/db.js'
import type { AuthorityRow } from '../../src/data/schema.js'
import { chainHash } from '../../src/domain/audit/chain.js'
import { createServices } from '../../src/services/index.js'
import { CASE_TABLES, copyCase, insertRows, readTemplates, type CaseTable } from './copy.js'

export const AUTHORITIES = 153
export const FULL_INCIDENTS = 100_000
export const FULL_AUDIT_ENTRIES = 1_000_000
/** The bundled bank holiday calendar starts in 2018: clocks cannot be counted on earlier cases. */
const CALENDAR_FIRST_DAY = Date.parse('2018-01-01T00:00:00Z')
const DAY_MS = 86_400_000
const FINISHED = ['closed', 'decided_do_not_notify', 'decided_refer_to_other_authority', 'withdrawn']

export interface SeedFigures {
  readonly authorities: number
  readonly incidents: number
  readonly caseRows: number
  readonly auditEntries: number
  readonly seconds: number
  readonly oldestAwareYear: number
}

export interface SeedResult {
  readonly figures: SeedFigures
  /** An incident of the demo authority (COV), for the case page. */
  readonly caseId: string
}

type Row = Record<string, unknown>

/** Seeds an empty database (migrating it first). `scale` 1 is the national data set. */
export async function seedNational(database: Database, scale: number, log: (line: string) => void): Promise<SeedResult> {
  const started = performance.now()
  await migrateToLatest(database)
  const { db } = database
  // A benchmark's data set need not survive a power cut: SQLite skips the flush to disk at each
  // commit while seeding (the server then opens the file with its usual synchronous = FULL).
  if (database.dialect === 'sqlite') await sql`pragma synchronous = off`.execute(db)
  if ((await db.selectFrom('incidents').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n > 0) throw new Error('the benchmark seeds an empty database only')
  const services = createServices(database)
  await services.loadDemo()
  const cov = await db.selectFrom('authorities').selectAll().where('code', '=', 'COV').executeTakeFirstOrThrow()
  const templates = await readTemplates(db, cov.id)
  if (templates.length === 0) throw new Error('the demo made no cases to copy')
  const caseId = templates[0]?.incident.id as string
  // Cases more than a year old are finished, as they would be: copies of the demo's finished ones.
  const finished = templates.filter((t) => FINISHED.includes(t.incident.status as string))
  if (finished.length === 0) throw new Error('the demo has no finished case to copy for the older years')

  const authorities = await addAuthorities(database, cov)
  const perAuthority = Math.max(1, Math.ceil((FULL_INCIDENTS * scale) / AUTHORITIES))
  // Whole weeks back, spread evenly across the years the calendar covers (about nine), newest first.
  const maxWeeks = Math.floor((Date.now() - CALENDAR_FIRST_DAY) / DAY_MS / 7) - 20
  let incidents = 0
  let caseRows = 0
  const incidentIds: { id: string; authorityId: string }[] = []
  for (const [n, authority] of authorities.entries()) {
    const counters = new Map<number, number>()
    // COV keeps the demo's own cases as they are; its copies come on top.
    const copies = perAuthority
    const batch: { incidents: Row[] } & Record<CaseTable, Row[]> = { incidents: [], ...(Object.fromEntries(CASE_TABLES.map((t) => [t, []])) as unknown as Record<CaseTable, Row[]>) }
    for (let k = 0; k < copies; k++) {
      const weeks = Math.floor(((k + 1) * maxWeeks) / copies)
      const template = (weeks > 52 ? finished[k % finished.length] : templates[k % templates.length]) as (typeof templates)[number]
      const year = new Date(Date.parse(`${String(template.incident.aware_date ?? template.incident.created_at).slice(0, 10)}T00:00:00Z`) - weeks * 7 * DAY_MS).getUTCFullYear()
      const number = (counters.get(year) ?? 0) + 1
      counters.set(year, number)
      const copy = copyCase(template, authority.id, `${authority.code}-${year}-${String(number).padStart(5, '0')}`, weeks * 7)
      batch.incidents.push(copy.incident)
      for (const t of CASE_TABLES) batch[t].push(...copy.rows[t])
      incidentIds.push({ id: copy.incident.id as string, authorityId: authority.id })
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'incidents', batch.incidents)
      for (const t of CASE_TABLES) await insertRows(trx, t, batch[t])
      // Reference numbers carry on after the copies, so a case created later gets a fresh one.
      for (const [year, last] of counters) {
        await trx.insertInto('incident_reference_counters').values({ authority_id: authority.id, year, last_number: last })
          .onConflict((oc) => oc.columns(['authority_id', 'year']).doUpdateSet({ last_number: sql`incident_reference_counters.last_number + ${last}` })).execute()
      }
    })
    incidents += batch.incidents.length
    caseRows += CASE_TABLES.reduce((sum, t) => sum + batch[t].length, 0)
    if (n % 25 === 0) log(`  seeded ${n + 1} of ${authorities.length} authorities`)
  }
  incidents += templates.length
  const auditEntries = await addAuditTrail(database, Math.ceil(FULL_AUDIT_ENTRIES * scale), incidentIds, log)
  // Fresh statistics, as a database that grew to this size would have.
  await sql`analyze`.execute(db)
  const seconds = Math.round((performance.now() - started) / 100) / 10
  return { figures: { authorities: authorities.length, incidents, caseRows, auditEntries, seconds, oldestAwareYear: new Date(Date.now() - maxWeeks * 7 * DAY_MS).getUTCFullYear() }, caseId }
}

/** 151 fictional authorities besides the demo's two, each with the demo's police and health partners. */
async function addAuthorities(database: Database, cov: AuthorityRow): Promise<{ id: string; code: string }[]> {
  const { db } = database
  const existing = await db.selectFrom('authorities').select(['id', 'code']).orderBy('code').execute()
  const partners = await db.selectFrom('authority_partners').selectAll().where('authority_id', '=', cov.id).execute()
  const added = Array.from({ length: AUTHORITIES - existing.length }, (_, i) => {
    const code = `LA${String(i + 1).padStart(3, '0')}`
    return { ...cov, id: randomUUID(), code, name: `Benchmark Authority ${String(i + 1).padStart(3, '0')} (fictional)`, partnership_email: `partnership.${code.toLowerCase()}@bench.example` }
  })
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, 'authorities', added)
    await insertRows(trx, 'authority_partners', added.flatMap((a) => partners.map((p) => ({ ...p, authority_id: a.id }))))
  })
  return [...existing, ...added.map(({ id, code }) => ({ id, code }))]
}

const ACTIONS = ['record.viewed', 'record.viewed', 'record.viewed', 'report.viewed', 'incident.updated', 'sign-in', 'decision.recorded', 'notification.recorded'] as const

/**
 * Appends `count` entries after the demo's, continuing its chain. Their instants spread over the
 * same years as the cases, so they are older than the demo's own entries: the chain's order is
 * its sequence, not its instants (docs/performance.md says so).
 */
async function addAuditTrail(database: Database, count: number, incidents: readonly { id: string; authorityId: string }[], log: (line: string) => void): Promise<number> {
  const { db } = database
  const head = await db.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow()
  const actor = await db.selectFrom('users').select(['id', 'email']).where('email', '=', 'business-unit@demo.example').executeTakeFirstOrThrow()
  let seq = Number(head.last_seq)
  let prevHash = head.last_hash
  const from = CALENDAR_FIRST_DAY
  const span = Date.now() - DAY_MS - from
  const CHUNK = 50_000
  for (let done = 0; done < count; done += CHUNK) {
    const rows: Row[] = []
    for (let i = done; i < Math.min(count, done + CHUNK); i++) {
      const incident = incidents[(i * 7919) % incidents.length] as { id: string; authorityId: string }
      const fields = {
        seq: ++seq, id: randomUUID(), at: new Date(from + Math.floor((i * span) / count)).toISOString(), actorUserId: actor.id, actor: actor.email,
        authorityId: incident.authorityId, action: ACTIONS[i % ACTIONS.length] as string, recordType: 'incident', recordId: incident.id, outcome: 'done',
        justification: null, requestId: randomUUID(), ip: '192.0.2.1',
      }
      const hash = chainHash(sha256Hex, prevHash, fields)
      rows.push({
        seq: fields.seq, id: fields.id, at: fields.at, actor_user_id: fields.actorUserId, actor: fields.actor, authority_id: fields.authorityId, action: fields.action,
        record_type: fields.recordType, record_id: fields.recordId, outcome: fields.outcome, justification: null, request_id: fields.requestId, ip: fields.ip, prev_hash: prevHash, hash,
      })
      prevHash = hash
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'audit_entries', rows)
      await trx.updateTable('audit_chain_head').set({ last_seq: seq, last_hash: prevHash }).where('id', '=', 1).execute()
    })
    if ((done / CHUNK) % 5 === 0) log(`  audit trail: ${Math.min(count, done + CHUNK).toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')}`)
  }
  return count
}
