import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../test/helpers/databases.js'
import { ACTIONS } from '../../domain/permissions/index.js'
import { DEMO, testApp } from '../testing.js'
import { isApiAccess, PUBLIC, SIGNED_IN } from './access.js'

forEachDatabase('every route declares its access: public, signed in, or an action', async (database) => {
  const { app } = await testApp(database)
  const routes = app.declaredRoutes()
  assert.ok(routes.length > 20, `found ${routes.length} routes`)
  const known = new Set<string>([PUBLIC, SIGNED_IN, ...ACTIONS])
  // API routes declare { scope, action } (src/web/features/api).
  const declared = (access: (typeof routes)[number]['access']) =>
    access !== undefined && (isApiAccess(access) ? ['read', 'write'].includes(access.scope) && known.has(access.action) : known.has(access))
  for (const route of routes) assert.ok(declared(route.access), `${route.method} ${route.url} declares no access`)
  await app.close()
})

forEachDatabase('a route with no declaration is refused', async (database) => {
  const { app, browser } = await testApp(database, {}, (instance) => instance.get('/undeclared', async () => 'should never be seen'))
  const user = browser()
  await user.signIn(DEMO.admin)
  const response = await user.get('/undeclared')
  assert.equal(response.statusCode, 403)
  assert.doesNotMatch(response.body, /should never be seen/)
  await app.close()
})

forEachDatabase('not signed in: pages send you to sign in; public pages open', async (database) => {
  const { app } = await testApp(database)
  for (const url of ['/', '/settings', '/settings/users', '/audit', '/switch-authority']) {
    const response = await app.inject({ method: 'GET', url })
    assert.equal(response.statusCode, 303, url)
    assert.equal(response.headers.location, '/sign-in', url)
  }
  for (const url of ['/sign-in', '/signed-out', '/accessibility', '/privacy', '/cookies', '/health']) {
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 200, url)
  }
  await app.close()
})

const PAGES = ['/', '/settings', '/settings/details', '/settings/partners', '/settings/users', '/settings/users/new', '/audit']
const ALLOWED: Record<string, readonly string[]> = {
  [DEMO.practitioner]: ['/'],
  [DEMO.decisionOwner]: ['/'],
  [DEMO.partner]: ['/'],
  [DEMO.businessUnit]: ['/'],
  [DEMO.auditor]: ['/', '/settings', '/settings/users', '/audit'],
  [DEMO.admin]: ['/', '/settings', '/settings/details', '/settings/partners', '/settings/users', '/settings/users/new'],
}

forEachDatabase('each role may open its pages and is refused the others with "You do not have access"', async (database) => {
  const { app, browser } = await testApp(database)
  for (const [email, allowed] of Object.entries(ALLOWED)) {
    const user = browser()
    await user.signIn(email)
    for (const url of PAGES) {
      const response = await user.get(url)
      if (allowed.includes(url)) {
        assert.equal(response.statusCode, 200, `${email} may open ${url}`)
      } else {
        assert.equal(response.statusCode, 403, `${email} may not open ${url}`)
        assert.match(response.body, /You do not have access/)
      }
    }
  }
  await app.close()
})

forEachDatabase('the navigation offers only the pages the role may use', async (database) => {
  const { app, browser } = await testApp(database)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  const home = await practitioner.get('/')
  assert.doesNotMatch(home.body, /href="\/settings"|href="\/audit"/)
  const auditor = browser()
  await auditor.signIn(DEMO.auditor)
  assert.match((await auditor.get('/')).body, /href="\/audit"/)
  await app.close()
})
