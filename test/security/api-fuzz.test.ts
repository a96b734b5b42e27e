// Issue 8 item 4 (ASVS 1.2.1, 2.2.1, 4.1.1, 15.3.6, 15.3.7, 16.5.3) for the JSON API: fast-check
// sends every /api/v1 route the router has (HEAD included) requests with a read+write token —
// bodies shaped like the route's schema in the OpenAPI document with hostile field values, any
// JSON, broken JSON, the wrong content type, prototype keys, odd path segments, duplicated query
// parameters and If-Match values from current to junk. For every request: never a 5xx; always
// JSON with nosniff; an error is the API's error shape naming the field or problem; a refusal
// (4xx) leaves everything stored as it was, apart from the access.refused audit entries the
// services write on purpose; a read changes nothing but the audit trail; Object.prototype is never
// polluted. FUZZ_RUNS=300 runs more requests per route (the default is quick, for CI).
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import fc from 'fast-check'
import { sql } from 'kysely'
import type { Database } from '../../src/data/db.js'
import { testApp } from '../../src/web/testing.js'
import { tokenFor } from '../helpers/api.js'
import { forEachDatabase } from '../helpers/databases.js'
import { bodyFor, ifMatch, oddSegment, queryFor, shaped, type Components, type IfMatch, type Json, type Schema, type SentBody } from './api-fuzz-inputs.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 4)
const PREFIX = '/api/v1'
/** Below the per-token rate limit (300 a minute): a fresh token after this many requests. */
const REQUESTS_PER_TOKEN = 250

interface Parameter { readonly name: string; readonly in: string; readonly schema: Schema }
interface Operation { readonly parameters?: readonly Parameter[]; readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> } }
interface ErrorBody { error?: { status?: unknown; message?: unknown; fields?: unknown } }

/** Everything stored but the audit trail, as one digest, and the audit chain's length. */
async function fingerprint(database: Database, tables: readonly string[]): Promise<{ data: Record<string, string>; audit: number; head: number }> {
  const data: Record<string, string> = {}
  for (const table of tables) {
    const rows = (await sql<Json>`select * from ${sql.table(table)}`.execute(database.db)).rows
    // A token's last use is a guide for admins, written as it authenticates (at most once a minute).
    const lines = rows.map((row) => JSON.stringify(table === 'api_tokens' ? { ...row, last_used_at: null } : row)).sort()
    data[table] = `${rows.length} ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`
  }
  const audit = await database.db.selectFrom('audit_entries').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  const head = await database.db.selectFrom('audit_chain_head').select('last_seq').executeTakeFirst()
  return { data, audit: Number(audit.n), head: Number(head?.last_seq ?? 0) }
}

async function tablesOf(database: Database): Promise<string[]> {
  const query = database.dialect === 'postgres'
    ? sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`
    : sql<{ name: string }>`select name from sqlite_master where type = 'table'`
  const names = (await query.execute(database.db)).rows.map((r) => r.name)
  return names.filter((n) => n !== 'audit_entries' && n !== 'audit_chain_head').sort()
}

const protoSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',')
const PROTO_BEFORE = protoSnapshot()
function assertNotPolluted(where: string): void {
  const probe = {} as Record<string, unknown>
  assert.equal(protoSnapshot(), PROTO_BEFORE, `${where}: Object.prototype gained properties`)
  for (const key of ['polluted', 'isAdmin']) assert.equal(probe[key], undefined, `${where}: Object.prototype.${key} was set`)
  assert.equal(typeof probe.toString, 'function', `${where}: Object.prototype.toString was replaced`)
}

/** The response's own checks: no 5xx, JSON with nosniff, errors in the API's shape naming the problem. */
function checkAnswer(where: string, method: string, response: LightMyRequestResponse): void {
  const status = response.statusCode
  assert.ok(status < 500, `${where}: ${status} ${response.body.slice(0, 300)}`)
  assert.equal(response.headers['x-content-type-options'], 'nosniff', `${where}: no X-Content-Type-Options: nosniff`)
  assert.match(String(response.headers['content-type']), /^application\/json/, `${where}: ${status} served as ${String(response.headers['content-type'])}`)
  if (method === 'HEAD') return
  let body: unknown
  assert.doesNotThrow(() => { body = JSON.parse(response.body) }, `${where}: ${status} body is not JSON: ${response.body.slice(0, 200)}`)
  if (status < 400) return
  const error = (body as ErrorBody).error
  assert.ok(error, `${where}: ${status} without the error shape: ${response.body.slice(0, 200)}`)
  assert.equal(error.status, status, `${where}: error.status ${String(error.status)} for ${status}`)
  assert.ok(typeof error.message === 'string' && error.message.trim().length > 0, `${where}: ${status} with no message`)
  if (error.fields !== undefined || /see fields/.test(error.message)) {
    assert.ok(Array.isArray(error.fields) && error.fields.length > 0, `${where}: "${error.message}" names no field`)
    for (const field of error.fields as { field?: unknown; message?: unknown }[]) {
      assert.ok(typeof field.field === 'string' && field.field.length > 0 && typeof field.message === 'string' && field.message.length > 0, `${where}: a field error without a field or message: ${JSON.stringify(field)}`)
    }
  }
}

/** The ids each path parameter may name: per case, so a child or action usually belongs to its case. */
interface Case { readonly ids: Readonly<Record<string, readonly string[]>> }

async function casesOf(database: Database, get: (url: string) => Promise<unknown>): Promise<Case[]> {
  const db = database.db
  const incidents = await db.selectFrom('incidents').innerJoin('authorities', 'authorities.id', 'incidents.authority_id').select(['incidents.id', 'incidents.status', 'authorities.code']).orderBy('incidents.id').execute()
  // One COV case at each status, and one of another authority's (which must answer 404).
  const chosen = [...new Map(incidents.filter((i) => i.code === 'COV').map((i) => [i.status, i])).values(), ...incidents.filter((i) => i.code !== 'COV').slice(0, 1)]
  const children = await db.selectFrom('incident_children').select(['id', 'incident_id']).execute()
  const actions = await db.selectFrom('learning_actions').select(['id', 'incident_id']).execute()
  const cases: Case[] = []
  for (const incident of chosen) {
    const idsIn = (value: unknown, key: string): string[] => {
      if (Array.isArray(value)) return value.flatMap((v) => idsIn(v, key))
      if (!value || typeof value !== 'object') return []
      return Object.entries(value).flatMap(([k, v]) => (k === key && typeof v === 'string' ? [v] : idsIn(v, key)))
    }
    const mine = <T extends { id: string; incident_id: string }>(rows: T[]) => rows.filter((r) => r.incident_id === incident.id).map((r) => r.id)
    const or = (list: string[], fallback: string[]) => (list.length > 0 ? list : fallback)
    cases.push({
      ids: {
        incidentId: [incident.id],
        childId: or(mine(children), children.slice(0, 2).map((c) => c.id)),
        actionId: or(mine(actions), actions.slice(0, 2).map((a) => a.id)),
        notificationId: or(idsIn(await get(`/incidents/${incident.id}/notifications`), 'id'), ['serious_incident:x']),
        clockKey: or(idsIn(await get(`/incidents/${incident.id}/clocks`), 'key'), ['rapid_review']),
      },
    })
  }
  return cases
}

interface Request { readonly path: Readonly<Record<string, string>>; readonly query: string; readonly body: SentBody | undefined; readonly ifMatch: IfMatch }

forEachDatabase('API fuzzing: arbitrary requests to every /api/v1 route never fail, always answer JSON errors naming the problem, never change anything when refused, never pollute prototypes', async (database) => {
  const { app, services } = await testApp(database)
  const db = database.db
  let token = (await tokenFor(services, 'COV', ['read', 'write'], 'fuzzer')).token
  let sent = 0
  /** Called before the fingerprint is taken, as a new token is a row of its own. */
  const freshTokenIfDue = async () => {
    if (sent >= REQUESTS_PER_TOKEN) [token, sent] = [(await tokenFor(services, 'COV', ['read', 'write'], `fuzzer ${Date.now()}`)).token, 0]
  }
  const inject = async (method: string, url: string, headers: Record<string, string>, payload?: string) => {
    sent += 1
    return app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload === undefined ? {} : { payload }) })
  }
  const document = JSON.parse((await inject('GET', `${PREFIX}/openapi.json`, {})).body) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Components } }
  const components = document.components.schemas
  const cases = await casesOf(database, async (url) => JSON.parse((await inject('GET', `${PREFIX}${url}`, {})).body) as unknown)
  const tables = await tablesOf(database)
  assert.ok(tables.includes('incidents') && tables.includes('api_tokens'), `tables: ${tables.join(', ')}`)

  const routes = app.declaredRoutes().filter((r) => r.url.startsWith(`${PREFIX}/`)).flatMap((r) => r.method.split(',').map((method) => ({ method, url: r.url })))
  assert.ok(routes.length >= 38, `found ${routes.length} API routes`)
  const failures: string[] = []
  const tried = new Map<string, number>()
  for (const route of routes) {
    const name = `${route.method} ${route.url}`
    const openApiPath = route.url.slice(PREFIX.length).replace(/:([A-Za-z]+)/g, '{$1}')
    const operation = document.paths[openApiPath]?.[route.method === 'HEAD' ? 'get' : route.method.toLowerCase()]
    const documentItself = route.url === `${PREFIX}/openapi.json`
    if (!operation && !documentItself) {
      failures.push(`${name} is not in the OpenAPI document, so its input cannot be shaped`)
      continue
    }
    const parameters = operation?.parameters ?? []
    const pathNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '')
    const unknown = pathNames.filter((p) => !cases.every((c) => (c.ids[p] ?? []).length > 0))
    if (unknown.length > 0) {
      failures.push(`${name}: no ids known for ${unknown.join(', ')} (add them to casesOf)`)
      continue
    }
    const queryParameters = parameters.filter((p) => p.in === 'query')
    const validQuery = fc.record(Object.fromEntries(queryParameters.map((p) => [p.name, shaped(p.schema, components, p.name)])), { requiredKeys: [] })
    const bodySchema = operation?.requestBody?.content['application/json']?.schema
    const usesIfMatch = parameters.some((p) => p.in === 'header' && p.name === 'If-Match')
    const request: fc.Arbitrary<Request> = fc.record({
      path: fc.constantFrom(...cases).chain((c) => fc.record(Object.fromEntries(pathNames.map((p) => [p, fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(c.ids[p] ?? [])) }, { weight: 1, arbitrary: oddSegment })])))),
      query: queryFor(queryParameters.map((p) => p.name), validQuery),
      body: ['GET', 'HEAD'].includes(route.method) ? fc.constant(undefined) : bodyFor(bodySchema, components),
      // Routes without If-Match get one now and then too: it must be ignored, not trip them up.
      ifMatch: usesIfMatch ? ifMatch : fc.oneof({ weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) }, { weight: 1, arbitrary: ifMatch }),
    })

    await fc.assert(
      fc.asyncProperty(request, async ({ path, query, body, ifMatch: tag }) => {
        tried.set(name, (tried.get(name) ?? 0) + 1)
        const url = route.url.replace(/:([A-Za-z]+)/g, (_, p: string) => path[p] ?? '') + (query ? `?${query}` : '')
        const incidentId = path.incidentId
        const version = incidentId ? (await db.selectFrom('incidents').select('version').where('id', '=', incidentId).executeTakeFirst())?.version ?? 1 : 1
        const etag = tag.kind === 'raw' ? tag.value : tag.kind === 'current' ? `"v${version}"` : tag.kind === 'weak' ? `W/"v${version}"` : tag.kind === 'stale' ? `"v${version - 1}"` : undefined
        const headers: Record<string, string> = { ...(etag === undefined ? {} : { 'if-match': etag }), ...(body?.contentType === undefined ? {} : { 'content-type': body.contentType }) }
        const where = `${route.method} ${url.slice(0, 200)}${etag === undefined ? '' : ` If-Match ${etag.slice(0, 40)}`}${body ? ` (${body.contentType ?? 'no content type'}) ${body.text.slice(0, 300)}` : ''}`

        await freshTokenIfDue()
        const before = await fingerprint(database, tables)
        const response = await inject(route.method, url, headers, body?.text)
        checkAnswer(where, route.method, response)
        const after = await fingerprint(database, tables)
        assert.equal(after.audit, after.head, `${where}: the audit chain's head (${after.head}) is not its length (${after.audit})`)
        const status = response.statusCode
        if (status >= 400 || ['GET', 'HEAD'].includes(route.method)) {
          const changed = tables.filter((t) => after.data[t] !== before.data[t])
          assert.deepEqual(changed, [], `${where}: ${status} changed what is stored (${changed.join(', ')}): ${response.body.slice(0, 200)}`)
        }
        if (status >= 400 && after.audit > before.audit) {
          // Refusals are recorded on purpose (ASVS 16.3.2); nothing else may be.
          const added = await db.selectFrom('audit_entries').select(['action', 'outcome']).where('seq', '>', before.head).execute()
          const other = added.filter((e) => e.action !== 'access.refused')
          assert.deepEqual(other, [], `${where}: ${status} added audit entries besides refusals`)
        }
        assertNotPolluted(where)
      }),
      { numRuns: RUNS, endOnFailure: true },
    ).catch((error: unknown) => failures.push(error instanceof Error ? `${error.cause instanceof Error ? error.cause.message.split('\n')[0] : ''}\n${(/Counterexample.*/.exec(error.message)?.[0] ?? '').slice(0, 800)}` : String(error)))
  }
  assert.deepEqual(failures, [], failures.join('\n\n'))
  const unfuzzed = routes.map((r) => `${r.method} ${r.url}`).filter((n) => (tried.get(n) ?? 0) < RUNS)
  assert.deepEqual(unfuzzed, [], `routes not fuzzed ${RUNS} times`)
  assertNotPolluted('after the run')
  await app.close()
})
