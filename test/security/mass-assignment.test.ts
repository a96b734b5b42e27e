// Issue 8 item 2 (ASVS 15.3.3 mass assignment, 8.2.3 field-level access): who recorded something,
// which authority and what status a case has come from the session and the lifecycle, never from
// the form; and a field one role may not set is neither shown to it nor accepted from it.
import assert from 'node:assert/strict'
import { DEMO, testApp } from '../../src/web/testing.js'
import { forEachDatabase } from '../helpers/databases.js'
import { Client } from './client.js'

const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? ''
const MARK = 'Mallory (mass assigned)'

async function setting(database: Parameters<Parameters<typeof forEachDatabase>[1]>[0]) {
  const { app, clock } = await testApp(database)
  const db = database.db
  const ids = new Map((await db.selectFrom('authorities').select(['id', 'code']).execute()).map((a) => [a.code, a.id]))
  const users = new Map((await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id]))
  const client = async (email: string) => {
    const c = new Client(app, clock)
    await c.signIn(email, ids.get('COV'))
    return c
  }
  // Everything a form might try to set on a record that is not its to set.
  const injected = (status: string) => ({
    id: 'mass-assigned-id', authority_id: ids.get('DEMO') ?? '', authorityId: ids.get('DEMO') ?? '', status, created_by: users.get(DEMO.admin) ?? '',
    createdBy: users.get(DEMO.admin) ?? '', recorded_by: MARK, recordedBy: MARK, reference: 'FAKE-0001', kind: 'authority',
  })
  return { app, db, ids, users, client, injected }
}

forEachDatabase('mass assignment: a new incident takes its authority, status, author and reference from the session, not the form', async (database) => {
  const { app, db, ids, users, client, injected } = await setting(database)
  const practitioner = await client(DEMO.practitioner)
  await practitioner.get('/incidents/new')
  const created = await practitioner.post('/incidents/new', { 'awareDate-day': '23', 'awareDate-month': '11', 'awareDate-year': '2026', source: 'hospital', ...injected('closed') })
  assert.equal(created.statusCode, 303, created.body.slice(0, 500))
  const id = /\/incidents\/([0-9a-f-]{36})/.exec(String(created.headers.location))?.[1] ?? ''
  const newest = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  assert.equal(newest.authority_id, ids.get('COV'))
  assert.equal(newest.status, 'draft')
  assert.equal(newest.created_by, users.get(DEMO.practitioner))
  assert.notEqual(newest.id, 'mass-assigned-id')
  assert.match(newest.reference, /^COV-/)
  assert.equal(newest.version, 1)
  await app.close()
})

forEachDatabase('mass assignment and field-level rules: a partner records only their own agency’s view, never the decision owner’s', async (database) => {
  const { app, db, client, injected } = await setting(database)
  const partner = await client(DEMO.partner)
  const owner = await client(DEMO.decisionOwner)
  // A case waiting for partners' views: the decision owner asks for them on the first case that offers it.
  const waiting = await db.selectFrom('incidents').select(['id', 'status', 'created_by']).where('status', '=', 'awaiting_discussion').execute()
  assert.ok(waiting.length > 0, 'the demo has a case waiting for discussion')
  const incident = waiting[0]
  assert.ok(incident)
  const viewPath = `/incidents/${incident.id}/view`

  // The page: the partner is asked for "your view", and never shown the decision itself.
  const partnerPage = await partner.get(viewPath)
  assert.equal(partnerPage.statusCode, 200)
  assert.match(partnerPage.body, /Record your view/)
  assert.doesNotMatch(partnerPage.body, /working view|name="decision"/)
  const ownerPage = await owner.get(viewPath)
  assert.match(ownerPage.body, /Record your working view/)

  // The post: the agency, the author and the kind come from the partner's membership.
  const saved = await partner.post(viewPath, { version: versionOf(partnerPage.body), view: 'notify', reasons: 'Fictional reasons.', ...injected('decided_notify'), partner_organisation_id: 'mass-assigned-org' })
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 400))
  const view = await db.selectFrom('partner_views').selectAll().where('incident_id', '=', incident.id).orderBy('recorded_at', 'desc').executeTakeFirstOrThrow()
  const police = await db.selectFrom('partner_organisations').select('id').where('name', '=', 'West Midlands Police').executeTakeFirstOrThrow()
  assert.equal(view.kind, 'police')
  assert.equal(view.partner_organisation_id, police.id)
  assert.doesNotMatch(view.recorded_by, /Mallory/)
  const after = await db.selectFrom('incidents').select(['status', 'created_by', 'authority_id']).where('id', '=', incident.id).executeTakeFirstOrThrow()
  assert.notEqual(after.status, 'decided_notify', 'a view is not a decision')
  assert.equal(after.created_by, incident.created_by)

  // A crafted post of the decision form by the partner is refused and decides nothing.
  const decision = await partner.post(`/incidents/${incident.id}/decision`, { version: String((await db.selectFrom('incidents').select('version').where('id', '=', incident.id).executeTakeFirstOrThrow()).version), decision: 'notify', rationale: 'Fictional.' })
  assert.equal(decision.statusCode, 403)
  assert.equal((await db.selectFrom('decisions').select('id').where('incident_id', '=', incident.id).execute()).length, 0)
  await app.close()
})

forEachDatabase('mass assignment: a decision sets the status the lifecycle gives, and keeps the case’s authority and author', async (database) => {
  const { app, db, ids, client, injected } = await setting(database)
  const owner = await client(DEMO.decisionOwner)
  const incident = (await db.selectFrom('incidents').select(['id', 'created_by']).where('status', 'in', ['awaiting_discussion', 'partners_consulted']).where('authority_id', '=', ids.get('COV') ?? '').execute())[0]
  assert.ok(incident)
  const children = await db.selectFrom('incident_children').select('id').where('incident_id', '=', incident.id).orderBy('position').execute()
  const page = await owner.get(`/incidents/${incident.id}/decision`)
  assert.equal(page.statusCode, 200)
  const judgements = Object.fromEntries(children.flatMap((c) => [[`seriousHarm-${c.id}-answer`, 'yes'], [`seriousHarm-${c.id}-why`, 'Fictional reasons.']]))
  const form = { version: versionOf(page.body), decision: 'notify', rationale: 'Fictional rationale.', ...judgements, ...injected('closed') }
  const decided = await owner.post(`/incidents/${incident.id}/decision`, form)
  assert.equal(decided.statusCode, 303, decided.body.replace(/\s+/g, ' ').match(/govuk-error-summary.{0,600}/)?.[0])
  const after = await db.selectFrom('incidents').select(['status', 'created_by', 'authority_id']).where('id', '=', incident.id).executeTakeFirstOrThrow()
  assert.equal(after.status, 'decided_notify')
  assert.equal(after.authority_id, ids.get('COV'))
  assert.equal(after.created_by, incident.created_by)
  assert.equal((await db.selectFrom('incidents').select('id').where('id', '=', 'mass-assigned-id').execute()).length, 0)
  await app.close()
})
