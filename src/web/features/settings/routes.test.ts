import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'

const details = (version: string, name = 'Coventry City Council') => ({
  name, decisionOwnerTitle: 'Children’s Services Strategic Lead for Quality Assurance', decisionOwnerName: '', decisionOwnerEmail: '',
  decisionOwnerPhone: '', partnershipName: 'Coventry Safeguarding Children Partnership', partnershipEmail: 'CoventryCSCP@coventry.gov.uk', version,
})

forEachDatabase('an admin changes the authority details; a stale form is refused with their input kept', async (database) => {
  const { app, browser } = await testApp(database)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  const form = await admin.get('/settings/details')
  const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? ''
  const saved = await admin.post('/settings/details', details(version, 'Coventry City Council (renamed)'))
  assert.equal(saved.statusCode, 303)
  assert.match((await admin.get('/settings')).body, /Coventry City Council \(renamed\)/)
  await admin.get('/settings/details')
  const stale = await admin.post('/settings/details', details(version, 'My stale change'))
  assert.equal(stale.statusCode, 409)
  assert.match(stale.body, /Someone else changed these settings/)
  assert.match(stale.body, /value="My stale change"/)
  await admin.get('/settings/details')
  const invalid = await admin.post('/settings/details', { ...details(String(Number(version) + 1)), name: '' })
  assert.equal(invalid.statusCode, 400)
  assert.match(invalid.body, /href="#name">Enter the authority’s name/)
  await app.close()
})

forEachDatabase('a user of another authority answers 404, exactly like one that does not exist', async (database) => {
  const { app, browser, services } = await testApp(database)
  const other = await services.users.findByEmail(DEMO.otherAuthorityPractitioner)
  assert.ok(other)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  const theirs = await admin.get(`/settings/users/${other.id}/role`)
  const missing = await admin.get('/settings/users/00000000-0000-0000-0000-000000000000/role')
  assert.equal(theirs.statusCode, 404)
  assert.equal(missing.statusCode, 404)
  const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0]
  assert.equal(main(theirs.body), main(missing.body))
  await admin.get('/settings/users')
  assert.equal((await admin.post(`/settings/users/${other.id}/disable`)).statusCode, 404)
  await app.close()
})

forEachDatabase('disabling a user ends their session at once; an admin adds a user with a role', async (database) => {
  const { app, browser, services } = await testApp(database)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  assert.equal((await practitioner.get('/')).statusCode, 200)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  const target = await services.users.findByEmail(DEMO.practitioner)
  assert.ok(target)
  await admin.get('/settings/users')
  assert.equal((await admin.post(`/settings/users/${target.id}/disable`)).statusCode, 303)
  assert.equal((await practitioner.get('/')).statusCode, 303, 'the disabled user is signed out')

  await admin.get('/settings/users/new')
  const weak = await admin.post('/settings/users/new', { name: 'Sam Example', email: 'sam@demo.example', role: 'auditor', password: 'password' })
  assert.equal(weak.statusCode, 400)
  assert.match(weak.body, /href="#password"/)
  assert.match(weak.body, /value="sam@demo.example"/)
  const added = await admin.post('/settings/users/new', { name: 'Sam Example', email: 'sam@demo.example', role: 'auditor', password: 'copper kettle meadow 7' })
  assert.equal(added.statusCode, 303)
  assert.match((await admin.get('/settings/users')).body, /Sam Example/)
  await app.close()
})
