import assert from 'node:assert/strict'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { DEMO_PASSWORD, LOCKOUT, systemActor } from '../../src/services/index.js'

const email = 'admin@demo.example'
// A role that needs no authenticator app: the password alone completes the sign-in.
const passwordOnly = 'practitioner@demo.example'


forEachDatabase('sign-in succeeds with the right password, whatever the email’s case', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const result = await services.signIn({ email: '  Admin@Demo.Example ', password: DEMO_PASSWORD, ip: '192.0.2.1', requestId: 'req-1' })
  assert.ok(result.ok)
  assert.equal(result.user.email, email)
  assert.deepEqual(result.user.memberships.map((m) => [m.authorityCode, m.role]), [['COV', 'admin']])
})

forEachDatabase('every refusal looks the same: unknown account, wrong password, disabled', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const refused = { ok: false, reason: 'refused' }
  assert.deepEqual(await services.signIn({ email: 'nobody@demo.example', password: DEMO_PASSWORD }), refused)
  assert.deepEqual(await services.signIn({ email, password: 'not the password at all' }), refused)
  assert.deepEqual(await services.signIn({ email: '', password: '' }), refused)
  const user = await services.users.findByEmail(email)
  assert.ok(user)
  assert.ok((await services.users.disable(systemActor(), null, user.id)).ok)
  assert.deepEqual(await services.signIn({ email, password: DEMO_PASSWORD }), refused)
})

forEachDatabase(`${LOCKOUT.failures} failures in a row lock the account for ${LOCKOUT.minutes} minutes, even against the right password`, async (database) => {
  const { services, clock } = servicesAt(database)
  await services.loadDemo()
  for (let i = 0; i < LOCKOUT.failures; i += 1) assert.equal((await services.signIn({ email, password: `wrong password ${i}` })).ok, false)
  assert.deepEqual(await services.signIn({ email, password: DEMO_PASSWORD }), { ok: false, reason: 'refused' }, 'locked')
  clock.advance(LOCKOUT.minutes * 60_000 - 1000)
  assert.equal((await services.signIn({ email, password: DEMO_PASSWORD })).ok, false, 'still locked a second before the end')
  clock.advance(1000)
  assert.equal((await services.signIn({ email, password: DEMO_PASSWORD })).ok, true, 'the lock has passed')
})

forEachDatabase('a success clears the count: only failures in a row lock', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  for (let i = 0; i < LOCKOUT.failures - 1; i += 1) await services.signIn({ email: passwordOnly, password: 'wrong password here' })
  assert.ok((await services.signIn({ email: passwordOnly, password: DEMO_PASSWORD })).ok)
  for (let i = 0; i < LOCKOUT.failures - 1; i += 1) await services.signIn({ email: passwordOnly, password: 'wrong password here' })
  assert.ok((await services.signIn({ email: passwordOnly, password: DEMO_PASSWORD })).ok, 'never 5 in a row')
})

forEachDatabase('every attempt is audited, without the password or an unknown email', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  await services.signIn({ email: passwordOnly, password: DEMO_PASSWORD, ip: '192.0.2.7', requestId: 'req-ok' })
  await services.signIn({ email: passwordOnly, password: 'a wrong password typed', requestId: 'req-bad' })
  await services.signIn({ email: 'typo-person@demo.example', password: 'another wrong one', requestId: 'req-unknown' })
  const rows = await database.db.selectFrom('audit_entries').selectAll().where('action', 'like', 'sign-in.%').orderBy('seq').execute()
  assert.deepEqual(
    rows.map((r) => [r.action, r.actor, r.outcome, r.request_id]),
    [
      ['sign-in.succeeded', passwordOnly, 'done', 'req-ok'],
      ['sign-in.failed', passwordOnly, 'wrong password', 'req-bad'],
      ['sign-in.failed', 'unknown account', 'unknown account', 'req-unknown'],
    ],
  )
  assert.equal(rows[0]?.ip, '192.0.2.7')
  const text = JSON.stringify(rows)
  for (const secret of [DEMO_PASSWORD, 'a wrong password typed', 'typo-person']) assert.ok(!text.includes(secret), secret)
  assert.deepEqual(await services.audit.verify(), { ok: true, checked: (await database.db.selectFrom('audit_entries').select('seq').execute()).length })
})
