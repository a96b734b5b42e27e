// The retention run on both databases: what has passed its period is deleted or anonymised and
// nothing else changes; a dry run changes nothing; the audit chain verifies afterwards; the run's
// audit events say what kind and how many, never what was removed.
import assert from 'node:assert/strict'
import type { Database } from '../../src/data/db.js'
import { forEachDatabase, rawSql } from '../helpers/databases.js'
import { demoAt } from '../helpers/reminders.js'
import { actorFor } from '../helpers/incidents.js'
import { REMOVED } from '../../src/domain/retention/index.js'
import { demoChild, dumpAll } from './helpers.js'

const START = '2026-11-24T09:00:00.000Z'
const years = (n: number) => `${2026 + n}-11-24T09:00:00.000Z`

forEachDatabase('a run after 36 years anonymises closed and not-notified cases, deletes old drafts, and leaves open cases alone', async (database) => {
  const { clock, services } = await demoAt(database, START)
  const closed = await demoChild(database, 'Child N Demo')
  const notNotified = await demoChild(database, 'Child D Demo')
  const draft = await demoChild(database, 'Young person F Demo')
  const open = await demoChild(database, 'Child K Demo')
  assert.deepEqual([closed.status, draft.status], ['closed', 'draft'])
  const openBefore = await database.db.selectFrom('incident_children').selectAll().where('incident_id', '=', open.incidentId).execute()
  const openIncidentBefore = await database.db.selectFrom('incidents').selectAll().where('id', '=', open.incidentId).executeTakeFirstOrThrow()

  clock.set(years(36))
  const result = await services.retention.run()
  assert.equal(result.dryRun, false)
  assert.ok((result.counts['closed_case_anonymised'] ?? 0) >= 1)
  assert.ok((result.counts['not_notified_case_anonymised'] ?? 0) >= 1)
  assert.ok((result.counts['draft_incident_deleted'] ?? 0) >= 1)

  // The draft and everything under it are gone.
  assert.equal(await database.db.selectFrom('incidents').select('id').where('id', '=', draft.incidentId).executeTakeFirst(), undefined)
  assert.equal((await database.db.selectFrom('incident_children').select('id').where('incident_id', '=', draft.incidentId).execute()).length, 0)

  // The closed case stays for the statistics, without the child's identity or any free text.
  const kept = await database.db.selectFrom('incidents').selectAll().where('id', '=', closed.incidentId).executeTakeFirstOrThrow()
  assert.equal(kept.status, 'closed')
  assert.ok(kept.anonymised_at)
  assert.equal((JSON.parse(kept.incident) as { outline?: string }).outline, REMOVED)
  const decided = await database.db.selectFrom('incidents').select(['status', 'anonymised_at']).where('id', '=', notNotified.incidentId).executeTakeFirstOrThrow()
  assert.ok(decided.status === 'decided_do_not_notify' && decided.anonymised_at)
  const child = await database.db.selectFrom('incident_children').select('details').where('id', '=', closed.childId).executeTakeFirstOrThrow()
  assert.deepEqual(JSON.parse(child.details), { approximateAge: 3, lookedAfter: false, careLeaver: false, normallyResident: true, outcome: 'seriously_harmed' })

  // Nothing of the removed children survives anywhere the run reaches, audit trail included.
  const everything = JSON.stringify(await dumpAll(database))
  for (const gone of ['Child N Demo', 'Child D Demo', 'Young person F Demo', 'agencies worked well together', 'care leaver aged 21 died']) assert.ok(!everything.includes(gone), `${gone} is gone`)

  // An open case is untouched, whatever its age.
  assert.deepEqual(await database.db.selectFrom('incident_children').selectAll().where('incident_id', '=', open.incidentId).execute(), openBefore)
  assert.deepEqual(await database.db.selectFrom('incidents').selectAll().where('id', '=', open.incidentId).executeTakeFirstOrThrow(), openIncidentBefore)

  // The chain verifies; the run's events name kinds and counts only.
  assert.equal((await services.audit.verify()).ok, true)
  const events = await database.db.selectFrom('audit_entries').select(['action', 'outcome', 'record_id', 'justification']).where('action', 'like', 'retention.%').execute()
  assert.ok(events.some((e) => e.action === 'retention.closed-case-anonymised' && e.record_id === closed.incidentId && /children 1/.test(e.outcome)))
  assert.ok(events.some((e) => e.action === 'retention.draft-incident-deleted' && e.record_id === draft.incidentId))
  for (const e of events) assert.match(e.outcome, /^done: [a-z_ ]+( \d+)?(; [a-z_ ]+ \d+)*$|^done: nothing$/, 'only kinds and counts')

  // A second run finds nothing more to do about cases.
  const again = await services.retention.run()
  assert.equal(again.counts['closed_case_anonymised'] ?? 0, 0)
  assert.equal(again.counts['draft_incident_deleted'] ?? 0, 0)
})

forEachDatabase('a dry run counts what a run would do and changes nothing at all', async (database) => {
  const { clock, services } = await demoAt(database, START)
  clock.set(years(36))
  const before = await dumpAll(database)
  const dry = await services.retention.run({ dryRun: true })
  assert.equal(dry.dryRun, true)
  assert.ok((dry.counts['closed_case_anonymised'] ?? 0) >= 1 && (dry.counts['draft_incident_deleted'] ?? 0) >= 1 && (dry.counts['audit_personal_anonymised'] ?? 0) > 0)
  assert.deepEqual(await dumpAll(database), before)
  const real = await services.retention.run()
  // A real run anonymises a case's own audit entries with the case (counted in the case's event),
  // so fewer are left for the bulk step than the dry run counted.
  const cases = (counts: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(counts).filter(([k]) => k.endsWith('case_anonymised') || k.endsWith('deleted')))
  assert.deepEqual(cases(real.counts), cases(dry.counts), 'the dry run counted what the run did')
  assert.ok((real.counts['audit_personal_anonymised'] ?? 0) > 0 && (real.counts['audit_personal_anonymised'] ?? 0) <= (dry.counts['audit_personal_anonymised'] ?? 0))
})

forEachDatabase('each period is respected: after two years only drafts and short-lived records go, until an admin shortens a period', async (database) => {
  const { clock, services } = await demoAt(database, START)
  const closed = await demoChild(database, 'Child N Demo')
  const draft = await demoChild(database, 'Young person F Demo')
  const admin = await actorFor(services, 'admin@demo.example')
  clock.set(years(2))
  const first = await services.retention.run()
  assert.equal(first.counts['closed_case_anonymised'] ?? 0, 0)
  assert.equal(first.counts['draft_incident_deleted'], 1)
  assert.ok((first.counts['sign_in_anonymised'] ?? 0) > 0, 'sign-ins older than a year are anonymised')
  assert.equal(first.counts['audit_personal_anonymised'] ?? 0, 0, 'other audit entries are kept seven years')
  assert.equal(await database.db.selectFrom('incidents').select('id').where('id', '=', draft.incidentId).executeTakeFirst(), undefined)
  assert.equal((await database.db.selectFrom('incidents').select('anonymised_at').where('id', '=', closed.incidentId).executeTakeFirstOrThrow()).anonymised_at, null)

  const authorityId = admin.kind === 'user' ? (admin.permissions.currentAuthority?.id ?? '') : ''
  const saved = await services.retention.updatePeriods(admin, authorityId, { ...(await services.retention.periods(authorityId)), closed_case: '1' })
  assert.deepEqual(saved, { ok: true, changed: ['closed_case'] })
  const second = await services.retention.run()
  assert.equal(second.counts['closed_case_anonymised'], 1)
  assert.equal((await services.audit.verify()).ok, true)
})

forEachDatabase('anonymised audit entries keep the chain whole, and editing personal fields is still found', async (database) => {
  const { clock, services } = await demoAt(database, START)
  clock.set(years(8))
  await services.retention.run()
  const anonymised = await database.db.selectFrom('audit_entries').selectAll().where('anonymised_at', 'is not', null).orderBy('seq').execute()
  assert.ok(anonymised.length > 10)
  for (const e of anonymised) assert.deepEqual([e.actor, e.ip, e.justification, e.personal_salt], ['anonymised', null, null, null])
  assert.deepEqual(await services.audit.verify(), { ok: true, checked: Number((await database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) })

  // The database refuses any other change to an entry, anonymised or not.
  await assert.rejects(database.db.updateTable('audit_entries').set({ actor: 'someone-else@demo.example' }).where('seq', '=', 1).execute(), /append-only/)
  // Past the trigger (someone with the table owner's rights), a rewrite is still found.
  await allowTampering(database)
  const whole = await database.db.selectFrom('audit_entries').select(['seq']).where('anonymised_at', 'is', null).orderBy('seq', 'desc').executeTakeFirstOrThrow()
  await database.db.updateTable('audit_entries').set({ actor: 'someone-else@demo.example' }).where('seq', '=', whole.seq).execute()
  const edited = await services.audit.verify()
  assert.ok(!edited.ok && edited.firstBad.seq === whole.seq && /edited/.test(edited.firstBad.problem))
  await database.db.updateTable('audit_entries').set({ actor: 'retention schedule' }).where('seq', '=', whole.seq).execute()
  const first = anonymised[0]
  assert.ok(first)
  await database.db.updateTable('audit_entries').set({ actor: 'someone-else@demo.example' }).where('seq', '=', first.seq).execute()
  const forged = await services.audit.verify()
  assert.ok(!forged.ok && forged.firstBad.seq === first.seq)
})

async function allowTampering(database: Database): Promise<void> {
  await rawSql(database, database.dialect === 'sqlite' ? 'drop trigger audit_entries_no_update' : 'alter table audit_entries disable trigger audit_entries_no_change')
}
