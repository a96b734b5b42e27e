import assert from 'node:assert/strict'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { actorFor } from '../helpers/incidents.js'
import { hashToken } from '../../src/services/api-tokens.js'
import { systemActor } from '../../src/services/index.js'

forEachDatabase('API tokens: created once, stored hashed, expire, revoke, audited', async (database) => {
  const { services, clock } = servicesAt(database)
  await services.loadDemo()
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const admin = await actorFor(services, 'admin@demo.example')
  const created = await services.apiTokens.create(admin, cov.id, { name: 'Case system link', scopes: ['read', 'write'], expiresInDays: 30 })
  assert.ok(created.ok)
  assert.match(created.token, /^sin_[A-Za-z0-9_-]{43}$/)
  const rows = await database.db.selectFrom('api_tokens').selectAll().execute()
  assert.equal(rows.length, 1)
  assert.equal(rows[0]?.token_hash, hashToken(created.token))
  assert.ok(!JSON.stringify(rows).includes(created.token), 'the token itself is never stored')

  const holder = await services.apiTokens.authenticate(created.token)
  assert.ok(holder.ok)
  assert.deepEqual(holder.holder.scopes, ['read', 'write'])
  assert.equal(holder.holder.authority.code, 'COV')
  assert.deepEqual(await services.apiTokens.authenticate('sin_nope'), { ok: false, reason: 'malformed' })
  assert.deepEqual(await services.apiTokens.authenticate(`sin_${'A'.repeat(43)}`), { ok: false, reason: 'unknown' })

  const listed = await services.apiTokens.list(admin, cov.id)
  assert.ok(listed.ok)
  assert.equal(listed.tokens[0]?.name, 'Case system link')
  assert.ok(listed.tokens[0]?.lastUsedAt, 'authenticating records when it was last used')

  clock.advance(31 * 86_400_000)
  assert.deepEqual(await services.apiTokens.authenticate(created.token), { ok: false, reason: 'expired' })

  const second = await services.apiTokens.create(admin, cov.id, { name: 'Reporting', scopes: ['read'] })
  assert.ok(second.ok)
  const practitioner = await actorFor(services, 'practitioner@demo.example')
  assert.deepEqual(await services.apiTokens.revoke(practitioner, cov.id, second.id), { ok: false, reason: 'forbidden' })
  assert.deepEqual(await services.apiTokens.revoke(admin, cov.id, second.id), { ok: true })
  assert.deepEqual(await services.apiTokens.revoke(admin, cov.id, second.id), { ok: false, reason: 'already-revoked' })
  assert.deepEqual(await services.apiTokens.authenticate(second.token), { ok: false, reason: 'revoked' })

  const audit = await database.db.selectFrom('audit_entries').select(['action', 'actor', 'record_id', 'outcome']).where('record_type', '=', 'api-token').execute()
  assert.deepEqual(audit.map((a) => a.action).sort(), ['access.refused', 'api-token.created', 'api-token.created', 'api-token.revoked'])
  assert.ok(!JSON.stringify(audit).includes(second.token))
})

forEachDatabase('API tokens: bad input names the field; admins act only in their own authority', async (database) => {
  const { services } = servicesAt(database)
  await services.loadDemo()
  const cov = await services.authorities.getByCode('COV')
  const demo = await services.authorities.getByCode('DEMO')
  assert.ok(cov && demo)
  const admin = await actorFor(services, 'admin@demo.example')
  const bad = await services.apiTokens.create(admin, cov.id, { name: ' ', scopes: [], expiresInDays: 0 })
  assert.ok(!bad.ok && bad.reason === 'invalid')
  assert.deepEqual(Object.keys(bad.errors).sort(), ['expiresInDays', 'name', 'scopes'])
  const elsewhere = await services.apiTokens.create(systemActor(), demo.id, { name: 'Demo link', scopes: ['read'] })
  assert.ok(elsewhere.ok)
  // The COV admin cannot see or revoke DEMO's token: it answers like a missing one.
  assert.deepEqual(await services.apiTokens.revoke(admin, cov.id, elsewhere.id), { ok: false, reason: 'not-found' })
  const listed = await services.apiTokens.list(admin, cov.id)
  assert.ok(listed.ok && listed.tokens.every((t) => t.authorityCode === 'COV'))
})
