// Issue 8 item 4 (ASVS 1.2.1, 2.2.1, 15.3.6, 15.3.7, 16.5.3): fast-check posts arbitrary forms
// to every POST/PUT/PATCH route the router has, as a role the authorisation table allows, with a
// valid session and CSRF token. For every request: never a 5xx; a refusal (any 4xx) leaves
// everything stored as it was; injected markup never comes back unescaped, nor on the page a
// saved form leads to; Object.prototype is never polluted.
//
// "Everything stored" is a digest of every table's row count, every case's version and status,
// the accounts and memberships, and the audit trail's entries apart from refusals, failed
// sign-ins and views: recording those is required (ASVS 16.3.1, 16.3.2; DPA 2018 s.62 for the
// view of a case a re-shown form is), so a refused request may add them and nothing else; a
// failed sign-in may also count towards its account's lockout. FUZZ_RUNS=200 runs more cases per route.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { sql } from 'kysely'
import { ROLES } from '../../src/domain/permissions/index.js'
import type { Database } from '../../src/data/db.js'
import { DEMO, testApp } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'
import { MATRIX } from './authorisation-table.js'
import { Client } from './client.js'
import { routesOf } from './routes.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 4)
const MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '{{ 7*7 }}{% raw %}', '</textarea><script>alert(1)</script>']
const RAW_MARKUP = /<script>alert\(1\)|<img src=x onerror|<svg onload/

const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...MARKUP, '\u202Eevil\u202C', 'a\u0000b', '👩‍👧‍👦🧒🏽', '\r\nX-Injected: yes', "' OR 1=1--", '-1', '1e309', 'NaN', 'true', '[]', '{}', ''),
  fc.integer({ min: 1000, max: 30_000 }).map((n) => 'é'.repeat(n)),
)
const KEYS = ['__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[b][c]', '_csrf2']
/** A form: some of the page's own fields and some hostile keys, each once or repeated (a=1&a=2). */
const formFor = (fields: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...fields, ...KEYS), fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) }), { maxKeys: 8 })

async function digest(database: Database): Promise<string> {
  const db = database.db
  const counts: string[] = []
  for (const table of ['authorities', 'partner_organisations', 'authority_partners', 'users', 'memberships', 'incidents', 'incident_children', 'incident_events', 'partner_view_requests', 'partner_views', 'decisions', 'other_authority_liaisons', 'case_progress', 'rapid_review_entries', 'learning_actions', 'email_outbox'] as const) {
    const row = await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
    counts.push(`${table}=${Number(row.n)}`)
  }
  const versions = await db.selectFrom('incidents').select(['id', 'version', 'status']).orderBy('id').execute()
  const users = await db.selectFrom('users').selectAll().orderBy('id').execute()
  const memberships = await db.selectFrom('memberships').selectAll().orderBy('user_id').orderBy('authority_id').execute()
  const audit = await db
    .selectFrom('audit_entries')
    .select(sql<number>`count(*)`.as('n'))
    .where('outcome', 'not like', 'refused%')
    .where('action', 'not in', ['access.refused', 'record.viewed', 'report.viewed', 'sign-in.failed'])
    .executeTakeFirstOrThrow()
  // A failed sign-in counts towards the lockout (ASVS 6.3.1): that is the refusal working.
  const accounts = users.map((u) => ({ ...u, updated_at: undefined, failed_sign_ins: undefined, locked_until: undefined }))
  return JSON.stringify({ counts, versions, accounts, memberships, audit: Number(audit.n) })
}

forEachDatabase('fuzzing: arbitrary forms to every POST route never fail, never change anything when refused, never echo markup', async (database) => {
  const { app, clock } = await testApp(database)
  const db = database.db
  const cov = (await db.selectFrom('authorities').select('id').where('code', '=', 'COV').executeTakeFirstOrThrow()).id
  const emails: Record<string, string> = {
    practitioner: DEMO.practitioner, 'decision-owner': DEMO.decisionOwner, partner: DEMO.partner, 'business-unit': DEMO.businessUnit, auditor: DEMO.auditor, admin: DEMO.admin,
  }
  // Real ids for the path parameters: a case with children and entries, the user an admin may change.
  const child = await db.selectFrom('incident_children').innerJoin('incidents', 'incidents.id', 'incident_children.incident_id').select(['incident_children.id as childId', 'incidents.id as id']).where('incidents.authority_id', '=', cov).executeTakeFirstOrThrow()
  const entry = await db.selectFrom('rapid_review_entries').select(['id', 'incident_id']).executeTakeFirst()
  const action = await db.selectFrom('learning_actions').select(['id', 'incident_id']).executeTakeFirst()
  const user = await db.selectFrom('users').select('id').where('email', '=', 'health-partner@demo.example').executeTakeFirstOrThrow()
  const fill = (pattern: string) => {
    const id = pattern.includes(':entryId') ? entry?.incident_id : pattern.includes(':actionId') ? action?.incident_id : child.id
    return pattern
      .replace(':id', id ?? child.id)
      .replace(':childId', child.childId)
      .replace(':entryId', entry?.id ?? 'none')
      .replace(':actionId', action?.id ?? 'none')
      .replace(':nid', 'serious_incident')
      .replace(':userId', user.id)
  }
  const posts = routesOf(app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
  assert.ok(posts.length > 30, `found ${posts.length} routes that change things`)
  const clients = new Map<string, Client>()
  const clientFor = async (role: string | undefined) => {
    const key = role ?? 'signed out'
    const existing = clients.get(key)
    if (existing && (role === undefined || (await existing.get('/')).statusCode === 200)) return existing
    const client = new Client(app, clock)
    if (role) await client.signIn(emails[role] ?? '', cov)
    else await client.get('/sign-in')
    clients.set(key, client)
    return client
  }
  const failures: string[] = []
  for (const route of posts) {
    const row = MATRIX[`${route.method} ${route.url}`]
    assert.ok(row, `${route.method} ${route.url} has no row in test/security/authorisation-table.ts`)
    const role = row.allow === 'public' ? undefined : row.allow === 'signed-in' ? 'practitioner' : ROLES.find((r) => (row.allow as readonly string[]).includes(r))
    const url = fill(route.url)
    const page = await (await clientFor(role)).get(url)
    const fields = [...new Set([...page.body.matchAll(/name="([^"]+)"/g)].map((m) => m[1] ?? '').filter((n) => n && n !== '_csrf'))]
    await fc.assert(
      fc.asyncProperty(formFor(fields.length > 0 ? fields : ['field']), fc.boolean(), async (form, withVersion) => {
        const client = await clientFor(role)
        const id = /\/incidents\/([^/]+)/.exec(url)?.[1]
        const version = withVersion && id ? (await db.selectFrom('incidents').select('version').where('id', '=', id).executeTakeFirst())?.version : undefined
        const before = await digest(database)
        const response = await client.request(route.method, url, { ...form, ...(version ? { version: String(version) } : {}) })
        const where = `${route.method} ${url} as ${role ?? 'signed out'}`
        assert.ok(response.statusCode < 500, `${where}: ${response.statusCode}`)
        assert.doesNotMatch(response.body, RAW_MARKUP, `${where}: markup came back unescaped`)
        if (response.statusCode >= 400) assert.equal(await digest(database), before, `${where}: refused with ${response.statusCode} but changed what is stored`)
        const location = String(response.headers.location ?? '')
        if (response.statusCode === 303 && location.startsWith('/') && role) {
          const next = await client.get(location)
          assert.ok(next.statusCode < 500, `${where} then GET ${location}: ${next.statusCode}`)
          assert.doesNotMatch(next.body, RAW_MARKUP, `${where} then GET ${location}: stored markup shown unescaped`)
        }
        assert.equal(({} as Record<string, unknown>).polluted, undefined, `${where}: Object.prototype polluted`)
      }),
      { numRuns: RUNS, endOnFailure: true },
    ).catch((error: unknown) => failures.push(error instanceof Error ? `${error.cause instanceof Error ? error.cause.message.split('\n')[0] : ''}\n${(/Counterexample.*/.exec(error.message)?.[0] ?? '').slice(0, 600)}` : String(error)))
  }
  assert.deepEqual(failures, [], failures.join('\n\n'))
  await app.close()
})
