// Single sign-on against a real OpenID provider started inside the test (oidc-provider), the
// whole round trip through the service and the provider's own login and consent pages; and
// every refusal: a forged signature, a changed token, a wrong audience, a wrong state, an
// identity nobody linked and a disabled account.
import assert from 'node:assert/strict'
import { after, before, beforeEach } from 'node:test'
import type { Database } from '../../../data/db.js'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { RedirectFollower, startTestProvider, TEST_ACR, TEST_CLIENT, type TestProvider } from '../../../../test/helpers/oidc-provider.js'
import type { OidcProviderSettings } from '../../../config.js'
import { systemActor } from '../../../services/index.js'
import { DEMO, testApp } from '../../testing.js'

const BASE = 'http://sin.test'
const CALLBACK = `${BASE}/sign-in/sso/test-idp/callback`
let provider: TestProvider

before(async () => {
  provider = await startTestProvider([CALLBACK])
})
after(async () => {
  await provider.stop()
})
beforeEach(() => provider.authenticateWith({}))

type Tamper = ((idToken: string) => Promise<string>) | null

/** The app with the test provider configured (with `required` strength); `tamper` may rewrite the ID token the provider sends. */
async function appWithProvider(database: Database, required: Pick<OidcProviderSettings, 'requiredAcr' | 'requiredAmr'> = {}) {
  const state: { tamper: Tamper } = { tamper: null }
  const oidcFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!state.tamper || !url.endsWith('/token')) return response
    const body = (await response.json()) as { id_token: string }
    const rewritten = { ...body, id_token: await state.tamper(body.id_token) }
    return new Response(JSON.stringify(rewritten), { status: response.status, headers: response.headers })
  }
  const providers = [{ id: 'test-idp', name: 'Test Council Account', issuer: provider.issuer, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret, scopes: 'openid email', ...required }]
  const test = await testApp(database, { baseUrl: BASE, oidcProviders: providers, oidcFetch })
  const link = async (email: string, subject: string) => {
    const user = await test.services.users.findByEmail(email)
    assert.ok(user)
    const linked = await test.services.singleSignOn.link(systemActor('test'), null, user.id, { issuer: provider.issuer, subject })
    assert.deepEqual(linked, { ok: true })
    return user
  }
  return { ...test, state, link, visitor: () => new RedirectFollower(test.app, BASE) }
}

/** From the "Sign in with" button through the provider's login and consent, back to the service. */
async function signInAtProvider(visitor: RedirectFollower, subject: string) {
  const login = await visitor.follow('/sign-in/sso/test-idp')
  assert.equal(login.status, 200, login.body.slice(0, 200))
  assert.match(login.url, new RegExp(`^${provider.issuer}/interaction/`))
  const consent = await visitor.submitProviderForm(login, { prompt: 'login', login: subject, password: 'any' })
  return visitor.submitProviderForm(consent, { prompt: 'consent' })
}

const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>

async function lastSignInFailure(database: Database): Promise<string | undefined> {
  const row = await database.db.selectFrom('audit_entries').select(['outcome']).where('action', '=', 'sign-in.failed').orderBy('seq', 'desc').executeTakeFirst()
  return row?.outcome
}

forEachDatabase('the sign-in page offers each single sign-on provider beside the password form', async (database) => {
  const { app, browser } = await appWithProvider(database)
  const page = await browser().get('/sign-in')
  assert.match(page.body, /href="\/sign-in\/sso\/test-idp"[^>]*>\s*Sign in with Test Council Account/)
  assert.match(page.body, /name="password"/)
  await app.close()
})

forEachDatabase('a linked identity signs in through the provider, in a new session, with the roles granted here', async (database) => {
  const { app, link, visitor } = await appWithProvider(database)
  await link(DEMO.businessUnit, 'bo-at-idp')
  const user = visitor()
  await user.request('/sign-in')
  const home = await signInAtProvider(user, 'bo-at-idp')
  assert.equal(home.status, 200)
  assert.equal(home.url, `${BASE}/`)
  assert.match(home.body, /Sign out/)
  assert.match(home.body, /Coventry City Council/)
  const audit = await database.db.selectFrom('audit_entries').select(['actor', 'outcome']).where('action', '=', 'sign-in.succeeded').orderBy('seq', 'desc').executeTakeFirstOrThrow()
  assert.deepEqual(audit, { actor: DEMO.businessUnit, outcome: 'done: single sign-on (test-idp)' })
  // Coming back to the callback again (the back button) finds no sign-in under way.
  const again = await user.request(`${BASE}/sign-in/sso/test-idp/callback?code=x&state=y`)
  assert.equal(again.status, 400)
  await app.close()
})

forEachDatabase('an identity nobody linked is refused with a page that says to ask the administrator', async (database) => {
  const { app, visitor } = await appWithProvider(database)
  const refused = await signInAtProvider(visitor(), 'stranger-at-idp')
  assert.equal(refused.status, 403)
  assert.match(refused.body, /Ask your authority’s administrator to give you access/)
  assert.doesNotMatch(refused.body, /Sign out/)
  assert.equal(await lastSignInFailure(database), 'single sign-on: identity not linked')
  await app.close()
})

forEachDatabase('a disabled account is refused even when its identity is linked', async (database) => {
  const { app, link, visitor, services } = await appWithProvider(database)
  const user = await link(DEMO.practitioner, 'pat-at-idp')
  assert.deepEqual(await services.users.disable(systemActor('test'), null, user.id), { ok: true })
  const refused = await signInAtProvider(visitor(), 'pat-at-idp')
  assert.equal(refused.status, 403)
  assert.match(refused.body, /could not sign you in/)
  assert.equal(await lastSignInFailure(database), 'single sign-on: account disabled')
  await app.close()
})

forEachDatabase('ID tokens with a forged or broken signature, or for another client, are refused', async (database) => {
  const { app, link, visitor, state } = await appWithProvider(database)
  await link(DEMO.businessUnit, 'bo-at-idp')
  const tampers: [string, (token: string) => Promise<string>][] = [
    ['signed with another key', (token) => provider.signAsImpostor(payloadOf(token))],
    ['changed after signing', async (token) => {
      const [header, , signature] = token.split('.')
      const changed = Buffer.from(JSON.stringify({ ...payloadOf(token), sub: 'someone-else' })).toString('base64url')
      return `${header}.${changed}.${signature}`
    }],
    ['for another audience', (token) => provider.signAsProvider({ ...payloadOf(token), aud: 'another-client' })],
  ]
  for (const [what, tamper] of tampers) {
    state.tamper = tamper
    const refused = await signInAtProvider(visitor(), 'bo-at-idp')
    assert.equal(refused.status, 400, what)
    assert.match(refused.body, /could not sign you in/, what)
    assert.doesNotMatch(refused.body, /Sign out/, what)
    const outcome = (await lastSignInFailure(database)) ?? ''
    assert.match(outcome, /^single sign-on: /, what)
    assert.doesNotMatch(outcome, /no sign-in under way|not linked/, what)
  }
  // The same identity with an untouched token signs in: the refusals were the tokens.
  state.tamper = null
  assert.equal((await signInAtProvider(visitor(), 'bo-at-idp')).url, `${BASE}/`)
  await app.close()
})

/** Signs in at the provider having authenticated `how`; answers the page and the audit's last failure. */
async function strengthAttempt(database: Database, visitor: () => RedirectFollower, how: { acr?: string; amr?: string[] }) {
  provider.authenticateWith(how)
  const failures = () => database.db.selectFrom('audit_entries').select(['outcome']).where('action', '=', 'sign-in.failed').orderBy('seq').execute()
  const before = (await failures()).length
  const page = await signInAtProvider(visitor(), 'bo-at-idp')
  return { page, failure: (await failures()).slice(before).map((f) => f.outcome).join(' / ') || undefined }
}

forEachDatabase('a provider required to give an acr asks for it, and refuses a sign-in without an acceptable one with a page saying why, audited', async (database) => {
  const { app, link, visitor } = await appWithProvider(database, { requiredAcr: [TEST_ACR.mfa] })
  await link(DEMO.businessUnit, 'bo-at-idp')
  const started = await visitor().request('/sign-in/sso/test-idp')
  assert.equal(new URL(started.location ?? '').searchParams.get('acr_values'), TEST_ACR.mfa, 'the service asks the provider for that strength')
  for (const how of [{ acr: TEST_ACR.password }, {}]) {
    const { page, failure } = await strengthAttempt(database, visitor, how)
    assert.equal(page.status, 403, JSON.stringify(how))
    assert.match(page.body, /You need to sign in with a stronger method/)
    assert.doesNotMatch(page.body, /Sign out/)
    assert.equal(failure, `single sign-on: authentication not strong enough (acr: ${how.acr ?? 'none'}; amr: none)`)
  }
  const { page, failure } = await strengthAttempt(database, visitor, { acr: TEST_ACR.mfa })
  assert.equal(page.url, `${BASE}/`)
  assert.match(page.body, /Sign out/)
  assert.equal(failure, undefined)
  await app.close()
})

forEachDatabase('a provider required to give an amr refuses a sign-in unless one of the listed methods was used', async (database) => {
  const { app, link, visitor } = await appWithProvider(database, { requiredAmr: ['mfa', 'otp', 'hwk'] })
  await link(DEMO.businessUnit, 'bo-at-idp')
  for (const how of [{ amr: ['pwd'] }, {}, { acr: TEST_ACR.mfa }]) {
    const { page, failure } = await strengthAttempt(database, visitor, how)
    assert.equal(page.status, 403, JSON.stringify(how))
    assert.match(page.body, /You need to sign in with a stronger method/)
    assert.match(failure ?? '', /^single sign-on: authentication not strong enough/)
  }
  const { page, failure } = await strengthAttempt(database, visitor, { amr: ['pwd', 'otp'] })
  assert.equal(page.url, `${BASE}/`)
  assert.equal(failure, undefined)
  await app.close()
})

forEachDatabase('a response with the wrong state is refused', async (database) => {
  const { app, link, visitor } = await appWithProvider(database)
  await link(DEMO.businessUnit, 'bo-at-idp')
  const user = visitor()
  const login = await user.follow('/sign-in/sso/test-idp')
  const consent = await user.submitProviderForm(login, { prompt: 'login', login: 'bo-at-idp', password: 'any' })
  const action = /<form[^>]*action="([^"]+)"/.exec(consent.body)?.[1] ?? ''
  // Stop at the redirect back to the service and change the state in it.
  let response = await user.request(new URL(action, consent.url).href, 'POST', { prompt: 'consent' })
  while (response.location && !response.location.startsWith(CALLBACK)) response = await user.request(new URL(response.location, response.url).href)
  const back = new URL(response.location ?? '')
  assert.ok(back.searchParams.get('code'), 'the provider sent a code')
  back.searchParams.set('state', 'not-the-state-we-sent')
  const refused = await user.follow(back.href)
  assert.equal(refused.status, 400)
  assert.match(refused.body, /could not sign you in/)
  assert.match((await lastSignInFailure(database)) ?? '', /^single sign-on: /)
  await app.close()
})

forEachDatabase('an admin links a work account on the user’s settings page, audited; other authorities’ users are not found', async (database) => {
  const { app, browser, services } = await appWithProvider(database)
  const admin = browser()
  await admin.signIn(DEMO.admin)
  const bo = await services.users.findByEmail(DEMO.businessUnit)
  const other = await services.users.findByEmail(DEMO.otherAuthorityPractitioner)
  assert.ok(bo && other)
  const form = await admin.get(`/settings/users/${bo.id}/single-sign-on`)
  assert.equal(form.statusCode, 200)
  assert.match(form.body, /None yet/)
  const bad = await admin.post(`/settings/users/${bo.id}/single-sign-on`, { issuer: 'not a url', subject: '' })
  assert.equal(bad.statusCode, 400)
  assert.match(bad.body, /govuk-error-summary/)
  assert.match(bad.body, /Enter the issuer as a full URL/)
  const linked = await admin.post(`/settings/users/${bo.id}/single-sign-on`, { issuer: provider.issuer, subject: 'bo-at-idp' })
  assert.equal(linked.statusCode, 303)
  const shown = await admin.get(`/settings/users/${bo.id}/single-sign-on`)
  assert.match(shown.body, /bo-at-idp/)
  const audit = await database.db.selectFrom('audit_entries').select(['actor', 'record_id']).where('action', '=', 'user.identity-linked').executeTakeFirstOrThrow()
  assert.deepEqual(audit, { actor: DEMO.admin, record_id: bo.id })
  const taken = await admin.post(`/settings/users/${bo.id}/single-sign-on`, { issuer: provider.issuer, subject: 'bo-at-idp' })
  assert.match(taken.body, /already linked/)
  assert.equal((await admin.get(`/settings/users/${other.id}/single-sign-on`)).statusCode, 404)
  // The link works: Bo signs in through the provider.
  assert.equal((await signInAtProvider(new RedirectFollower(app, BASE), 'bo-at-idp')).url, `${BASE}/`)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  assert.equal((await practitioner.get(`/settings/users/${bo.id}/single-sign-on`)).statusCode, 403)
  await app.close()
})

forEachDatabase('single sign-on users are not asked for this service’s code, even in roles that need one', async (database) => {
  const { app, link, visitor } = await appWithProvider(database)
  await link(DEMO.admin, 'ada-at-idp')
  const user = visitor()
  const home = await signInAtProvider(user, 'ada-at-idp')
  assert.equal(home.url, `${BASE}/`, 'straight to the home page, no code page')
  const account = await user.request('/account')
  assert.match(account.body, /managed by your organisation/)
  assert.equal((await user.request('/account/confirm?next=password')).status, 404, 'nothing to change here')
  await app.close()
})

forEachDatabase('a provider that cannot be reached gets a page saying so, and the password form still works', async (database) => {
  const down = [{ id: 'down-idp', name: 'Unreachable Council Account', issuer: 'http://127.0.0.1:9/', clientId: 'x', clientSecret: 'y', scopes: 'openid' }]
  const { app, browser } = await testApp(database, { baseUrl: BASE, oidcProviders: down })
  const user = browser()
  const page = await user.get('/sign-in/sso/down-idp')
  assert.equal(page.statusCode, 503)
  assert.match(page.body, /signing in with Unreachable Council Account is not available/)
  assert.equal((await user.get('/sign-in/sso/no-such-idp')).statusCode, 404)
  assert.equal((await user.signIn(DEMO.practitioner)).headers.location, '/')
  await app.close()
})
