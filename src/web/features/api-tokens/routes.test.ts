import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'

forEachDatabase('settings: an admin creates a token (shown once), sees it listed, and revokes it', async (database) => {
  const { app, browser } = await testApp(database)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  assert.match((await admin.get('/settings')).body, /href="\/settings\/api-tokens"/)
  await admin.get('/settings/api-tokens/new')
  const bad = await admin.post('/settings/api-tokens/new', { name: '', expiresInDays: '999' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /There is a problem/)
  for (const [id, text] of [['name', 'Enter a name for the token'], ['scopes', 'Select at least one scope'], ['expiresInDays', 'Days until it expires must be 366 or fewer']]) {
    assert.ok(bad.body.includes(`href="#${id}">${text}`), `${id} in the error summary`)
  }
  const created = await admin.post('/settings/api-tokens/new', { name: 'Case system link', scopes: 'read', expiresInDays: '30' })
  assert.equal(created.statusCode, 200)
  const token = /id="token">(sin_[A-Za-z0-9_-]{43})</.exec(created.body)?.[1]
  assert.ok(token, 'the token is shown on the page that answers the form')
  assert.match(created.body, /will not be shown again/)
  assert.equal(created.headers['cache-control'], 'no-store')
  const api = await app.inject({ method: 'GET', url: '/api/v1/incidents', headers: { authorization: `Bearer ${token}` } })
  assert.equal(api.statusCode, 200, 'the new token works')

  const list = await admin.get('/settings/api-tokens')
  assert.match(list.body, /Case system link/)
  assert.ok(!list.body.includes(token), 'the list never shows the token')
  const id = /action="\/settings\/api-tokens\/([^/]+)\/revoke"/.exec(list.body)?.[1]
  assert.ok(id)
  assert.equal((await admin.post(`/settings/api-tokens/${id}/revoke`)).statusCode, 303)
  assert.match((await admin.get('/settings/api-tokens')).body, /Revoked/)
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/incidents', headers: { authorization: `Bearer ${token}` } })).statusCode, 401)

  const audit = await database.db.selectFrom('audit_entries').select(['action', 'actor']).where('record_type', '=', 'api-token').execute()
  assert.deepEqual(audit.map((a) => a.action), ['api-token.created', 'api-token.revoked'])
  assert.ok(audit.every((a) => a.actor === DEMO.admin))
  await app.close()
})

forEachDatabase('settings: auditors see tokens but cannot create or revoke; others may not see them', async (database) => {
  const { app, browser } = await testApp(database)
  const auditor = browser()
  await auditor.signIn(DEMO.auditor)
  const list = await auditor.get('/settings/api-tokens')
  assert.equal(list.statusCode, 200)
  assert.doesNotMatch(list.body, /Create a token/)
  assert.equal((await auditor.get('/settings/api-tokens/new')).statusCode, 403)
  assert.equal((await auditor.post('/settings/api-tokens/new', { name: 'x', scopes: 'read', expiresInDays: '5' })).statusCode, 403)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  assert.equal((await practitioner.get('/settings/api-tokens')).statusCode, 403)
  await app.close()
})
