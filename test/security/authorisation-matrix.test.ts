// Issue 8 item 2 (ASVS 8.2.1, 8.2.2, 8.3.1, 8.4.1): every route the router has, as every role
// and signed out, on a record of the user's own authority and on another authority's, compared
// with the table in authorisation-table.ts; and every bearer-token API route with every kind of
// token, compared with api-table.ts (api-matrix.ts). Routes added later are picked up from the
// router; a route without a row fails with the row to add. A refused request must change nothing.
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { ROLES, type Role } from '../../src/domain/permissions/index.js'
import { DEMO, demoCode, testApp } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'
import { actorFor } from '../helpers/incidents.js'
import { apiMatrixMismatches } from './api-matrix.js'
import { MATRIX, type Row } from './authorisation-table.js'
import { Client } from './client.js'
import { matrixRecords, type RecordIds } from './records.js'
import { crawl, paramsOf, routesOf, type Route } from './routes.js'
import { storedState } from './stored-state.js'

const EMAIL: Readonly<Record<Role, string>> = {
  practitioner: DEMO.practitioner,
  'decision-owner': DEMO.decisionOwner,
  partner: DEMO.partner,
  'business-unit': DEMO.businessUnit,
  auditor: DEMO.auditor,
  admin: DEMO.admin,
}
type Who = Role | 'signed out'
type Outcome = 'open' | 'sign-in' | 'refused' | 'not found' | 'refused or not found' | 'conflict'

const rowKey = (r: Route) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`
const mayUse = (row: Row, who: Who) => row.allow === 'public' || (who !== 'signed out' && (row.allow === 'signed-in' || row.allow.includes(who)))

function expected(row: Row, who: Who, otherAuthority: boolean): Outcome {
  if (row.allow === 'public') return 'open'
  if (who === 'signed out') return 'sign-in'
  if (!mayUse(row, who)) return otherAuthority ? 'refused or not found' : 'refused'
  return otherAuthority || (row.owner !== undefined && row.owner !== who) ? 'not found' : 'open'
}

function outcome(response: LightMyRequestResponse): Outcome | string {
  const location = String(response.headers.location ?? '')
  if (response.statusCode >= 300 && response.statusCode < 400 && /^\/(sign-in|signed-out)/.test(location)) return 'sign-in'
  if (response.statusCode === 403) return 'refused'
  if (response.statusCode === 404) return 'not found'
  if (response.statusCode === 409) return 'conflict'
  if (response.statusCode <= 400) return 'open'
  return `status ${response.statusCode}`
}

/** The row to paste into the table for a route it lacks, from what the route declares. */
function suggestedRow(route: Route, access: unknown): string {
  const allow = access === 'public' || access === 'signed-in' ? `'${String(access)}'` : `[/* roles allowed ${String(access)} */]`
  return `'${route.method} ${route.url}': { allow: ${allow}${route.url.includes('/:') ? ', record: true' : ''} },`
}

forEachDatabase('authorisation matrix: every route, as every role and signed out, in its own authority and another', async (database) => {
  const { app, services, clock } = await testApp(database)
  const db = database.db
  // The demo has no case in its second authority; the other authority's practitioner starts one.
  const borough = await actorFor(services, DEMO.otherAuthorityPractitioner, 'DEMO')
  const started = await services.incidents.start(borough, (await services.authorities.getByCode('DEMO'))?.id ?? '', { awareDate: '2026-11-23', source: 'hospital' })
  assert.ok(started.ok)
  const authorities = new Map((await db.selectFrom('authorities').select(['id', 'code']).execute()).map((a) => [a.code, a.id]))
  const own = authorities.get('COV') ?? ''
  const otherIncident = (await db.selectFrom('incidents').select('id').where('authority_id', '=', authorities.get('DEMO') ?? '').executeTakeFirstOrThrow()).id
  const ownIncidents = new Set((await db.selectFrom('incidents').select('id').where('authority_id', '=', own).execute()).map((i) => i.id))
  const userIds = new Map((await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id]))
  // Changes are made to a user no role below signs in as, so the matrix's own sessions survive.
  const targetUser = userIds.get('health-partner@demo.example') ?? ''
  const otherUser = userIds.get(DEMO.otherAuthorityPractitioner) ?? ''
  // Records the demo lacks, in both authorities: the identity is the target user's, the upload is
  // made by the import rows' `owner`; DEMO's are both its practitioner's.
  const uploader = Object.values(MATRIX).find((row) => row.owner)?.owner ?? 'practitioner'
  const records = await matrixRecords(services, db, { ownUser: 'health-partner@demo.example', uploader: EMAIL[uploader], otherUser: DEMO.otherAuthorityPractitioner })

  // 1. Every route has a row, and every row a route.
  const routes = routesOf(app)
  const declared = new Map(app.declaredRoutes().map((r) => [r.url, r.access]))
  const missing = routes.filter((r) => r.method !== 'HEAD' && !(rowKey(r) in MATRIX))
  assert.deepEqual(missing.map((r) => suggestedRow(r, declared.get(r.url))), [], 'Routes missing from test/security/authorisation-table.ts; add these rows with the roles allowed')
  const stale = Object.keys(MATRIX).filter((key) => !routes.some((r) => rowKey(r) === key))
  assert.deepEqual(stale, [], 'Rows in test/security/authorisation-table.ts for routes the router no longer has')

  // 2. Everyone signs in, then finds real URLs by following the pages' links and forms.
  const clients = new Map<Who, Client>()
  for (const role of ROLES) {
    const client = new Client(app, clock)
    await client.signIn(EMAIL[role], own)
    clients.set(role, client)
  }
  // A second session of the sessions row's owner, and one in the other authority, to end.
  const spareSession = async (email: string, authority: string) => {
    clock.advance(1000)
    await new Client(app, clock).signIn(email, authority)
    const sessions = await services.userSessions.list(await actorFor(services, email, authority === own ? 'COV' : 'DEMO'), 'not this one')
    return sessions?.reduce((a, b) => (a.signedInAt > b.signedInAt ? a : b)).handle ?? ''
  }
  const sessionOwner = MATRIX['POST /account/sessions/:handle/end']?.owner ?? 'practitioner'
  const handles = { own: await spareSession(EMAIL[sessionOwner], own), other: await spareSession(DEMO.otherAuthorityPractitioner, authorities.get('DEMO') ?? '') }
  const signedOut = new Client(app, clock)
  await signedOut.get('/sign-in')
  clients.set('signed out', signedOut)
  const patterns = [...new Set(routes.map((r) => r.url))]
  const found = new Map<string, string[]>()
  for (const role of ROLES) await crawl(clients.get(role) as Client, patterns, found)

  const fill = (pattern: string, values: Record<string, string>) =>
    pattern.replace(/:(\w+)/g, (_, name: string) => values[name] ?? '').replace('*', 'no-such-file.css')
  // Routes naming the records made above take their ids: no page links to an upload, say.
  const recordUrl = (route: Route, ids: RecordIds): string | undefined => {
    const handle = ids === records.own ? handles.own : handles.other
    const values = { endpointId: ids.endpointId, tokenId: ids.tokenId, identityId: ids.identityId, handle, ...(route.url.startsWith('/incidents/import/') ? { id: ids.uploadId } : {}) }
    const names = route.url.split('/')
    return Object.keys(values).some((name) => names.includes(`:${name}`)) ? fill(route.url, { ...values, userId: ids.userId }) : undefined
  }
  const candidates = (route: Route): string[] => {
    const made = recordUrl(route, records.own)
    if (made) return [made]
    if (!route.url.includes(':') && !route.url.includes('*')) return [route.url + ((MATRIX[rowKey(route)] as Row).query ?? '')]
    const urls = [...(found.get(`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`) ?? []), ...(found.get(`GET ${route.url}`) ?? [])]
    const filled = urls.map((u) => {
      const params = paramsOf(route.url, u)
      return params.userId ? fill(route.url, { ...params, userId: targetUser }) : u
    })
    if (filled.length === 0) {
      // Nothing links here: a page of a shorter pattern (the pack for its PDF) with the rest appended.
      const parts = route.url.split('/')
      for (let cut = parts.length - 1; cut > 1 && filled.length === 0; cut--) {
        const shorter = parts.slice(0, cut).join('/')
        const rest = parts.slice(cut).join('/')
        if (!/[:*]/.test(rest)) filled.push(...(found.get(`GET ${shorter}`) ?? []).map((u) => `${u}/${rest}`))
      }
      if (filled.length === 0) filled.push(fill(route.url, { ...paramValues(), userId: targetUser }))
    }
    return [...new Set(filled)].filter((u) => !paramsOf(route.url, u).id || ownIncidents.has(paramsOf(route.url, u).id ?? ''))
  }
  // Some value seen for each parameter name, for routes no page links to (a user's enable button).
  const paramValues = () => {
    const values: Record<string, string> = {}
    for (const [key, urls] of found) for (const u of urls) for (const [n, v] of Object.entries(paramsOf(key.split(' ')[1] ?? '', u))) values[n] ??= v
    return values
  }
  const otherAuthorityUrl = (route: Route, ownUrl: string) => {
    const made = recordUrl(route, records.other)
    if (made) return made
    const params = paramsOf(route.url, ownUrl)
    return fill(route.url, { ...params, ...(params.id ? { id: otherIncident } : {}), ...(params.userId ? { userId: otherUser } : {}) })
  }

  // Posts carry the case's current version, so they reach the permission check rather than a stale-version conflict.
  const versionOf = async (route: Route, url: string): Promise<Record<string, string>> => {
    const id = paramsOf(route.url, url).id
    if (!id) return {}
    const stored = await db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirst()
    return stored ? { version: String(stored.version) } : {}
  }

  // Confirming it is you, before changing your sign-in details, takes your password (and a code from your app).
  const formFor = (route: Route, who: Who): Record<string, string> =>
    route.method === 'POST' && route.url === '/account/confirm' && who !== 'signed out' ? { password: DEMO.password, code: demoCode(app, EMAIL[who], clock) } : {}

  // 3. Each route as each of them; requests that may change things (allowed POSTs) come last.
  const mismatches: string[] = []
  const changed = new Set<string>()
  const check = async (route: Route, who: Who, url: string, otherAuthority: boolean) => {
    const row = MATRIX[rowKey(route)] as Row
    const want = expected(row, who, otherAuthority)
    const before = route.method === 'POST' ? await versionOf(route, url) : undefined
    const stored = route.method === 'POST' && want !== 'open' ? await storedState(db) : undefined
    const form = formFor(route, who)
    const response = await (clients.get(who) as Client).request(route.method, url, { ...before, ...form })
    const got = outcome(response)
    const where = `${route.method} ${url} as ${who}${otherAuthority ? ' on another authority' : ''}`
    if (stored !== undefined && (await storedState(db)) !== stored) mismatches.push(`${where}: refused, but changed what is stored`)
    // A case's steps answer 409 with a message when the lifecycle table refuses this role (or
    // this status) the step: for a post that is a refusal too, provided the case is unchanged.
    const refusedStep = route.method === 'POST' && got === 'conflict' && want !== 'sign-in'
    if (refusedStep && JSON.stringify(await versionOf(route, url)) !== JSON.stringify(before)) mismatches.push(`${where}: answered 409, but changed the case`)
    if (form.password && want === 'open' && response.headers.location !== '/account/password') mismatches.push(`${where}: the right password and code did not confirm it is them (${response.statusCode})`)
    // Public routes may send you on to sign in (signing out when not signed in).
    // An allowed post may find the record gone because another allowed role's post removed it.
    const goneBefore = want === 'open' && got === 'not found' && changed.has(url)
    if (route.method === 'POST' && want === 'open' && response.statusCode === 303) changed.add(url)
    const fine = got === want || refusedStep || goneBefore || (want === 'open' && row.allow === 'public' && got === 'sign-in') || (want === 'refused or not found' && (got === 'refused' || got === 'not found'))
    if (!fine) mismatches.push(`${route.method} ${route.url} as ${who}${otherAuthority ? ' on another authority' : ''}: expected ${want}, got ${got} (${response.statusCode} from ${url})`)
  }
  const usable = new Map<string, string>()
  for (const route of routes.filter((r) => r.method === 'GET' || r.method === 'HEAD')) {
    const row = MATRIX[rowKey(route)] as Row
    const openers = ROLES.filter((r) => mayUse(row, r))
    const opener = row.owner ?? openers[0] ?? 'signed out'
    let url: string | undefined
    for (const candidate of candidates(route)) {
      if (row.allow === 'public' || outcome(await (clients.get(opener) as Client).get(candidate)) === 'open') {
        url = candidate
        break
      }
    }
    if (!url) {
      mismatches.push(`${route.method} ${route.url}: no demo URL found that ${opener} can open (found: ${candidates(route).join(', ') || 'none'})`)
      continue
    }
    usable.set(route.url, url)
    // HEAD runs the GET handler; checking it signed out shows the sign-in check covers it too.
    for (const who of route.method === 'HEAD' ? (['signed out'] as const) : clients.keys()) {
      await check(route, who, url, false)
      if (row.record) await check(route, who, otherAuthorityUrl(route, url), true)
    }
  }
  const posts = routes.filter((r) => r.method === 'POST').sort((a, b) => Number(a.url === '/sign-out') - Number(b.url === '/sign-out'))
  const postUrl = (route: Route) => usable.get(route.url) ?? candidates(route)[0]
  for (const allowedToo of [false, true]) {
    for (const route of posts) {
      const url = postUrl(route)
      const row = MATRIX[rowKey(route)] as Row
      if (!url) {
        if (!allowedToo) mismatches.push(`POST ${route.url}: no demo URL found (no page links or posts to it)`)
        continue
      }
      for (const who of clients.keys()) {
        if (mayUse(row, who) !== allowedToo || (allowedToo && row.allow === 'public' && who !== 'signed out')) continue
        if (!allowedToo && row.record) await check(route, who, otherAuthorityUrl(route, url), true)
        else if (allowedToo && row.record) await check(route, who, otherAuthorityUrl(route, url), true)
        await check(route, who, url, false)
      }
    }
  }
  if (mismatches.length > 0) {
    assert.fail(`Authorisation matrix: ${mismatches.length} mismatches (fix the route, or its row in test/security/authorisation-table.ts if the table is wrong):\n${mismatches.join('\n')}`)
  }
  await app.close()
})

forEachDatabase('authorisation matrix: every bearer-token API route with no token, a malformed, unknown, revoked or expired one, each scope, and another authority’s', async (database) => {
  const { app, services, clock } = await testApp(database)
  const mismatches = await apiMatrixMismatches(app, services, database.db, clock)
  if (mismatches.length > 0) {
    assert.fail(`API authorisation matrix: ${mismatches.length} mismatches (fix the route, or its row in test/security/api-table.ts if the table is wrong):\n${mismatches.join('\n')}`)
  }
  await app.close()
})
