import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../test/helpers/databases.js'
import { DEMO, testApp } from '../testing.js'
import { NOT_FOUND_LIMIT, SIGN_IN_LIMIT } from './rate-limits.js'

forEachDatabase('sign-in attempts from one address are limited, with a GOV.UK page saying so', async (database) => {
  const { app, browser } = await testApp(database)
  const guesser = browser()
  await guesser.get('/sign-in')
  for (let i = 0; i < SIGN_IN_LIMIT.max; i++) {
    const refused = await guesser.post('/sign-in', { email: `nobody${i}@demo.example`, password: 'a wrong password for this test' })
    assert.equal(refused.statusCode, 401, `attempt ${i + 1} is refused as a wrong password`)
  }
  const limited = await guesser.post('/sign-in', { email: DEMO.practitioner, password: DEMO.password })
  assert.equal(limited.statusCode, 429, 'even the right password waits once the limit is reached')
  assert.match(limited.body, /govuk-template/)
  assert.ok(limited.headers['retry-after'], 'says when to try again')
  await app.close()
})

forEachDatabase('requests for pages that do not exist are limited, so addresses cannot be enumerated', async (database) => {
  const { app } = await testApp(database)
  for (let i = 0; i < NOT_FOUND_LIMIT.max; i++) {
    const missing = await app.inject({ method: 'GET', url: `/guess-${i}` })
    assert.equal(missing.statusCode, 404)
  }
  const limited = await app.inject({ method: 'GET', url: '/guess-again' })
  assert.equal(limited.statusCode, 429)
  assert.match(limited.body, /govuk-template/)
  await app.close()
})
