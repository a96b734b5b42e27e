// The authorisation matrix for the bearer-token API (issue 8 item 2; ASVS 8.2.1, 8.2.2, 8.3.1,
// 8.4.1): every /api/v1 route the router has, with no token, a malformed, unknown, revoked and
// expired one, a read-scope and a write-scope token of the record's authority, and another
// authority's token holding both scopes, compared with api-table.ts. Tokens are made by the real
// service; path parameters are the real ids of one demo case that has every kind of record.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Database } from '../../src/data/db.js'
import type { Scope } from '../../src/domain/permissions/api-scopes.js'
import { systemActor, type Services } from '../../src/services/index.js'
import { API_MATRIX, type ApiRow } from './api-table.js'
import { apiRoutesOf, type Route } from './routes.js'
import { storedState } from './stored-state.js'

const REFUSED = ['none', 'malformed', 'unknown', 'revoked', 'expired'] as const
type Kind = (typeof REFUSED)[number] | Scope | 'other authority'
type Outcome = 'unauthenticated' | 'insufficient scope' | 'not found' | 'reached'

const TOKEN_NAMES: Readonly<Record<Kind, string>> = {
  none: 'no token', malformed: 'a malformed token', unknown: 'an unknown token', revoked: 'a revoked token', expired: 'an expired token',
  read: 'a read-scope token', write: 'a write-scope token', 'other authority': 'another authority’s token',
}
const rowKey = (r: Route) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`
const operator = systemActor('authorisation matrix')

function expected(row: ApiRow, kind: Kind): Outcome {
  if ((REFUSED as readonly string[]).includes(kind)) return 'unauthenticated'
  if (kind === 'other authority') return row.record ? 'not found' : 'reached'
  return kind === row.scope ? 'reached' : 'insufficient scope'
}

/** What came back; a 401 or 403 counts only with the challenge RFC 6750 asks for. */
function outcome(response: LightMyRequestResponse, kind: Kind): Outcome | string {
  const challenge = String(response.headers['www-authenticate'] ?? '')
  const described = kind === 'none' ? challenge === 'Bearer realm="sin-api"' : challenge.includes(`error_description="${kind}"`)
  if (response.statusCode === 401 && described) return 'unauthenticated'
  if (response.statusCode === 403 && challenge.includes('error="insufficient_scope"')) return 'insufficient scope'
  if (response.statusCode === 404) return 'not found'
  if (response.statusCode >= 500 || response.statusCode === 401 || response.statusCode === 403) return `status ${response.statusCode} (${challenge || 'no challenge'})`
  if (!String(response.headers['content-type']).startsWith('application/json')) return `status ${response.statusCode} not as JSON`
  return 'reached'
}

async function tokensFor(services: Services, clock: { advance(ms: number): void }): Promise<Record<Kind, string | null>> {
  const make = async (code: string, scopes: Scope[], expiresInDays = 90) => {
    const authority = await services.authorities.getByCode(code)
    assert.ok(authority, code)
    const created = await services.apiTokens.create(operator, authority.id, { name: `Matrix ${code} ${scopes.join('+')}`, scopes, expiresInDays })
    assert.ok(created.ok)
    return created
  }
  const expired = await make('COV', ['read', 'write'], 1)
  const revoked = await make('COV', ['read', 'write'])
  assert.ok((await services.apiTokens.revoke(operator, null, revoked.id)).ok)
  const tokens = { read: (await make('COV', ['read'])).token, write: (await make('COV', ['write'])).token, 'other authority': (await make('DEMO', ['read', 'write'])).token }
  // The one-day token's day passes; the others last 90.
  clock.advance(86_400_000 + 1000)
  return { none: null, malformed: 'not-a-token', unknown: `sin_${'A'.repeat(43)}`, revoked: revoked.token, expired: expired.token, ...tokens }
}

/** Runs the API matrix; answers the mismatches, each a line naming the route, the token and what came back. */
export async function apiMatrixMismatches(app: FastifyInstance, services: Services, db: Database['db'], clock: { advance(ms: number): void }): Promise<string[]> {
  // 1. Every API route has a row, and every row a route.
  const routes = apiRoutesOf(app)
  assert.ok(routes.length >= 25, `found ${routes.length} API routes`)
  const missing = routes.filter((r) => r.method !== 'HEAD' && !(rowKey(r) in API_MATRIX)).map((r) => `${r.method} ${r.url}`)
  assert.deepEqual(missing, [], 'API routes missing from test/security/api-table.ts; add a row with the scope each needs')
  const stale = Object.keys(API_MATRIX).filter((key) => !routes.some((r) => rowKey(r) === key))
  assert.deepEqual(stale, [], 'Rows in test/security/api-table.ts for routes the router no longer has')

  const tokens = await tokensFor(services, clock)
  const send = (method: string, url: string, kind: Kind, body: unknown, version?: string) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(tokens[kind] ? { authorization: `Bearer ${tokens[kind]}` } : {}),
        ...(version ? { 'if-match': version } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    })

  // 2. Real ids: the demo's case under a practice review has a decision, notifications, a rapid
  // review, learning actions, children and clocks.
  const cov = await services.authorities.getByCode('COV')
  const incident = await db.selectFrom('incidents').select(['id', 'reference']).where('authority_id', '=', cov?.id ?? '').where('status', '=', 'practice_review').executeTakeFirstOrThrow()
  const child = await db.selectFrom('incident_children').select('id').where('incident_id', '=', incident.id).executeTakeFirstOrThrow()
  const action = await db.selectFrom('learning_actions').select('id').where('incident_id', '=', incident.id).executeTakeFirstOrThrow()
  const part = async <T>(path: string) => (await send('GET', `/api/v1/incidents/${incident.id}/${path}`, 'read', undefined)).json<T>()
  const notificationId = (await part<{ notifications: { id: string }[] }>('notifications')).notifications[0]?.id ?? ''
  const clocks = (await part<{ clocks: { key: string; metOn: string | null }[] }>('clocks')).clocks
  const clockKey = (clocks.find((c) => c.metOn === null) ?? clocks[0])?.key ?? ''
  const ids = { incidentId: incident.id, childId: child.id, actionId: action.id, notificationId, clockKey }
  const covIncidents = (await db.selectFrom('incidents').select(['id', 'reference']).where('authority_id', '=', cov?.id ?? '').execute()).flatMap((i) => [i.id, i.reference])
  const urlFor = (route: Route, values: Record<string, string>) => route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? '')) + ((API_MATRIX[rowKey(route)] as ApiRow).query ?? '')
  const versionOf = async () => `"v${(await db.selectFrom('incidents').select('version').where('id', '=', incident.id).executeTakeFirstOrThrow()).version}"`

  // 3. Each route with each token; the token that may (and may change things) comes last.
  const mismatches: string[] = []
  for (const route of routes) {
    const row = API_MATRIX[rowKey(route)] as ApiRow
    const url = urlFor(route, ids)
    const where = (kind: Kind, note = '') => `${route.method} ${route.url} with ${TOKEN_NAMES[kind]}${note}`
    const tryWith = async (kind: Kind, version?: string) => {
      const before = await storedState(db)
      const response = await send(route.method, url, kind, row.body, version ?? (row.record ? await versionOf() : undefined))
      const want = expected(row, kind)
      const got = outcome(response, kind)
      if (got !== want) mismatches.push(`${where(kind, version ? ` and If-Match ${version}` : '')}: expected ${want}, got ${got} (${response.statusCode} ${response.body.slice(0, 160)})`)
      if (want !== 'reached' && (await storedState(db)) !== before) mismatches.push(`${where(kind)}: refused, but changed what is stored`)
      return response
    }
    if (route.method === 'HEAD') {
      // HEAD runs the GET handler; without a token it must be refused like the GET.
      await tryWith('none')
      continue
    }
    for (const kind of [...REFUSED, row.scope === 'read' ? 'write' : 'read'] as const) await tryWith(kind)
    const other = await tryWith('other authority')
    const leaked = covIncidents.find((value) => other.body.includes(value))
    if (leaked) mismatches.push(`${where('other authority')}: the answer names ${leaked}, a case of another authority`)
    if (row.record) {
      // Another authority's record answers exactly as a missing one does, whatever version is named.
      const absent = await send(route.method, urlFor(route, { ...ids, incidentId: randomUUID() }), 'other authority', row.body, await versionOf())
      const answer = (r: LightMyRequestResponse) => `${r.statusCode} ${r.body}`
      if (answer(other) !== answer(absent)) mismatches.push(`${where('other authority')}: answers ${answer(other)}, where a missing case answers ${answer(absent)}`)
      if (row.body !== undefined && answer(await tryWith('other authority', '"v1"')) !== answer(absent)) mismatches.push(`${where('other authority', ' and a stale If-Match')}: answers unlike a missing case`)
    }
    await tryWith(row.scope)
  }
  return mismatches
}
