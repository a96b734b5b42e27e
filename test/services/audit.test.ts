import assert from 'node:assert/strict'
import { sha256Hex } from '../../src/data/audit-hash.js'
import type { Database } from '../../src/data/db.js'
import { chainHash } from '../../src/domain/audit/chain.js'
import { Permissions } from '../../src/domain/permissions/index.js'
import { DEMO_PASSWORD, type Actor, type Services } from '../../src/services/index.js'
import { forEachDatabase, rawSql, servicesAt } from '../helpers/databases.js'

/** What an attacker with the database's owner account does first: switch off the guard. */
async function tamper(database: Database, statements: string[]): Promise<void> {
  if (database.dialect === 'sqlite') {
    await rawSql(database, 'drop trigger audit_entries_no_update')
    await rawSql(database, 'drop trigger audit_entries_no_delete')
  } else {
    await rawSql(database, 'alter table audit_entries disable trigger audit_entries_no_change')
  }
  for (const statement of statements) await rawSql(database, statement)
}

async function demoTrail(database: Database) {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const verdict = await services.audit.verify()
  assert.ok(verdict.ok && verdict.checked > 10, 'the demo leaves a trail to tamper with')
  return services
}

async function firstBad(services: Services) {
  const verdict = await services.audit.verify()
  assert.equal(verdict.ok, false)
  return verdict.ok ? null : verdict.firstBad
}

forEachDatabase('verify: an edited entry is found at its place', async (database) => {
  const services = await demoTrail(database)
  await tamper(database, ["update audit_entries set actor = 'someone-else@demo.example' where seq = 3"])
  assert.deepEqual(await firstBad(services).then((b) => [b?.seq, b?.problem.includes('edited')]), [3, true])
})

forEachDatabase('verify: a deleted entry is found', async (database) => {
  const services = await demoTrail(database)
  await tamper(database, ['delete from audit_entries where seq = 3'])
  assert.equal((await firstBad(services))?.seq, 4)
})

forEachDatabase('verify: entries deleted from the end are found against the chain head', async (database) => {
  const services = await demoTrail(database)
  await tamper(database, ['delete from audit_entries where seq = (select max(seq) from audit_entries)'])
  assert.match((await firstBad(services))?.problem ?? '', /end/)
})

forEachDatabase('verify: reordered entries are found', async (database) => {
  const services = await demoTrail(database)
  await tamper(database, ['update audit_entries set seq = -1 where seq = 3', 'update audit_entries set seq = 3 where seq = 4', 'update audit_entries set seq = 4 where seq = -1'])
  assert.equal((await firstBad(services))?.seq, 3)
})

forEachDatabase('verify: an inserted entry is found, even one hashed correctly onto its predecessor', async (database) => {
  const services = await demoTrail(database)
  const second = await database.db.selectFrom('audit_entries').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow()
  const forged = { seq: 3, id: 'forged', at: second.at, actorUserId: null, actor: 'system', authorityId: null, action: 'user.added', recordType: null, recordId: null, outcome: 'done', justification: null, requestId: null, ip: null }
  const hash = chainHash(sha256Hex, second.hash, forged)
  await tamper(database, [
    'update audit_entries set seq = seq + 100000 where seq >= 3',
    'update audit_entries set seq = seq - 99999 where seq >= 100000',
    `insert into audit_entries (id, seq, at, actor, action, outcome, prev_hash, hash) values ('forged', 3, '${second.at}', 'system', 'user.added', 'done', '${second.hash}', '${hash}')`,
  ])
  const bad = await firstBad(services)
  assert.deepEqual([bad?.seq, bad?.id === 'forged'], [4, false], 'the forged entry links, the next one no longer does')
})

forEachDatabase('appends keep the chain whole when many happen at once', async (database) => {
  const { services } = servicesAt(database)
  const actor: Actor = { kind: 'system', name: 'system' }
  await Promise.all(Array.from({ length: 20 }, (_, i) => services.audit.record(actor, { action: 'record.viewed', outcome: 'done', recordType: 'test', recordId: `r${i}` })))
  assert.deepEqual(await services.audit.verify(), { ok: true, checked: 20 })
})

forEachDatabase('the auditors’ query: their authority only, filtered, paged, and itself audited', async (database) => {
  const { services, clock } = servicesAt(database)
  await services.loadDemo()
  const signedIn = await services.signIn({ email: 'auditor@demo.example', password: DEMO_PASSWORD })
  assert.ok(signedIn.ok)
  const cov = signedIn.user.memberships[0]
  assert.ok(cov)
  const auditor: Actor = { kind: 'user', userId: signedIn.user.id, email: signedIn.user.email, permissions: new Permissions(signedIn.user.memberships), requestId: 'r' }
  clock.advance(60_000)
  await services.audit.record(auditor, { action: 'record.viewed', outcome: 'done', authorityId: cov.authorityId, recordType: 'case', recordId: 'case-1' })
  const demo = await services.authorities.getByCode('DEMO')
  assert.ok(demo)
  await services.audit.record(auditor, { action: 'record.viewed', outcome: 'done', authorityId: demo.id, recordType: 'case', recordId: 'case-2' })

  // Sign-ins carry no authority: Coventry's auditor sees its own members' and nobody else's.
  await services.signIn({ email: 'practitioner@demo.example', password: 'not the password at all' })
  await services.signIn({ email: 'practitioner.demo-borough@demo.example', password: DEMO_PASSWORD })
  const borough = await services.users.findByEmail('practitioner.demo-borough@demo.example')
  assert.ok(borough)

  const all = await services.audit.query(auditor, cov.authorityId)
  assert.ok(all.ok)
  assert.ok(all.entries.every((e) => e.authorityId === cov.authorityId || e.authorityId === null), 'only Coventry’s entries and its members’ sign-ins')
  assert.ok(!all.entries.some((e) => e.recordId === 'case-2'))
  // The auditor has an authenticator app, so the password step is all that happened here.
  assert.ok(all.entries.some((e) => e.action === 'sign-in.password-accepted' && e.actorUserId === signedIn.user.id), 'their own sign-in')
  assert.ok(all.entries.some((e) => e.action === 'sign-in.failed' && e.actor === 'practitioner@demo.example'), 'a member’s failed sign-in')
  assert.ok(!all.entries.some((e) => e.actorUserId === borough.id || e.recordId === borough.id), 'not another authority’s member')
  const filtered = await services.audit.query(auditor, cov.authorityId, { actor: 'AUDITOR@', action: 'record.viewed', from: clock().toISOString() })
  assert.ok(filtered.ok)
  assert.deepEqual(filtered.entries.map((e) => e.recordId), ['case-1'])
  // Each query is itself audited: the two above added two entries.
  const paged = await services.audit.query(auditor, cov.authorityId, { pageSize: 2, page: 2 })
  assert.ok(paged.ok && paged.entries.length === 2 && paged.total === all.total + 2 && paged.pages === Math.ceil(paged.total / 2))
  assert.deepEqual(await services.audit.query(auditor, demo.id), { ok: false, reason: 'forbidden' }, 'not their authority')
  const viewed = await database.db.selectFrom('audit_entries').select('action').where('action', '=', 'audit.viewed').execute()
  assert.equal(viewed.length, 3)
})

forEachDatabase('the demo loads once, with one account per role, and only fictional contacts', async (database) => {
  const { services } = servicesAt(database)
  const first = await services.loadDemo()
  const second = await services.loadDemo()
  assert.deepEqual([first.loaded, second.loaded], [true, false])
  assert.deepEqual(new Set(first.signIns.map((s) => s.role)), new Set(['practitioner', 'decision-owner', 'partner', 'business-unit', 'auditor', 'admin']))
  assert.equal((await database.db.selectFrom('users').select('id').execute()).length, first.signIns.length)
  const cov = await services.authorities.getByCode('COV')
  assert.equal(cov?.decisionOwnerTitle, 'Children’s Services Strategic Lead for Quality Assurance')
  assert.equal(cov?.partnershipEmail, 'CoventryCSCP@coventry.gov.uk')
  assert.deepEqual((await services.partners.forAuthority(cov?.id ?? '')).map((p) => p.name), ['West Midlands Police', 'NHS Coventry and Warwickshire Integrated Care Board'])
  for (const s of first.signIns) assert.match(s.email, /\.example$/)
  for (const s of first.signIns) assert.ok((await services.signIn({ email: s.email, password: first.password })).ok, s.email)
})
