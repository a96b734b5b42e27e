import assert from 'node:assert/strict'
import { forEachDatabase } from '../../test/helpers/databases.js'
import { DEMO, testApp } from './testing.js'

forEachDatabase('logs are JSON with request ids and hold no password, cookie, query string or forged id', async (database) => {
  const lines: string[] = []
  const { app, browser } = await testApp(database, { trustProxy: true, logTo: (line) => lines.push(line) })
  const user = browser()
  await user.signIn(DEMO.practitioner)
  await user.get('/?search=Child+Name+Demo')
  await app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-request-id': 'forged id\u2028with "quotes" and a newline\\n' } })
  await app.inject({ method: 'GET', url: '/sign-in', headers: { 'x-request-id': 'proxy-id-123' } })
  await app.close()

  const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; req?: { path?: string } })
  assert.ok(entries.length > 0, 'something was logged')
  assert.ok(entries.filter((e) => e.req).every((e) => typeof e.reqId === 'string' && e.reqId.length > 0), 'every request has an id')
  const text = lines.join('\n')
  assert.ok(!text.includes(DEMO.password), 'no password')
  const sessionCookie = [...user.cookies.values()][0] ?? 'no cookie'
  assert.ok(!text.includes(sessionCookie), 'no session cookie value')
  assert.ok(!text.includes('Child+Name') && !text.includes('Child Name'), 'no query string')
  assert.ok(!text.includes('forged id'), 'a request id that is not an id is replaced')
  assert.ok(entries.some((e) => e.reqId === 'proxy-id-123'), 'the trusted proxy’s id is kept')
})
