// A real OpenID provider (the oidc-provider package) on a random local port, for the single
// sign-on tests, and a small client that follows redirects across the service (app.inject) and
// the provider (real HTTP), keeping each one's cookies, through the provider's own development
// login and consent pages.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose'
import Provider from 'oidc-provider'

export const TEST_CLIENT = { id: 'sin-test-client', secret: 'a-test-client-secret-that-is-long-enough-0123456789' } as const

/** What a real provider puts in the ID token after its own login: the level and the methods. */
export interface Authentication {
  readonly acr?: string
  readonly amr?: string[]
}

/** The acr values this provider knows (and says so in its discovery document). */
export const TEST_ACR = { password: 'urn:sin:test:password', mfa: 'urn:sin:test:mfa' } as const

export interface TestProvider {
  readonly issuer: string
  /** Signs a JWT with the provider's own key (for a token that is valid but for someone else). */
  signAsProvider(payload: Record<string, unknown>): Promise<string>
  /** Signs a JWT with another key but the provider's key id (a forged signature). */
  signAsImpostor(payload: Record<string, unknown>): Promise<string>
  /** How the next people sign in, as the ID token will say (acr, amr); nothing by default. */
  authenticateWith(how: Authentication): void
  stop(): Promise<void>
}

async function signingKey(kid: string) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }
  const sign = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey)
  return { jwk, sign }
}

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const key = await signingKey('test-provider-key')
  const impostor = await signingKey('test-provider-key')
  const provider = new Provider(issuer, {
    clients: [{ client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, redirect_uris: redirectUris, token_endpoint_auth_method: 'client_secret_post' }],
    jwks: { keys: [key.jwk] },
    cookies: { keys: ['a-test-cookie-key-for-the-test-provider'] },
    // Anyone may sign in at this provider: the subject is whatever the login form says.
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, email: `${sub}@idp.example` }) }),
    // acr and amr are released in the ID token whenever the login recorded them.
    claims: { openid: ['sub', 'acr', 'amr'], email: ['email'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    acrValues: Object.values(TEST_ACR),
  })
  // The development login form asks only for a name; a real provider also records how the person
  // proved it. Every login finished from now on carries the chosen acr and amr.
  let authentication: Authentication = {}
  const finish = provider.interactionFinished.bind(provider)
  provider.interactionFinished = (req, res, result, options) => finish(req, res, result.login ? { ...result, login: { ...result.login, ...authentication } } : result, options)
  server.on('request', provider.callback())
  return {
    issuer,
    signAsProvider: key.sign,
    signAsImpostor: impostor.sign,
    authenticateWith: (how) => {
      authentication = how
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

type Response = { status: number; location: string | undefined; body: string; url: string }

/** Follows redirects like a browser: the service through app.inject, anything else over HTTP. */
export class RedirectFollower {
  private readonly jars = new Map<string, Map<string, string>>()

  constructor(private readonly app: FastifyInstance, private readonly appOrigin: string) {}

  private jar(origin: string): Map<string, string> {
    let jar = this.jars.get(origin)
    if (!jar) this.jars.set(origin, (jar = new Map()))
    return jar
  }

  private keep(origin: string, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()))
      if (value === '' || expired) this.jar(origin).delete(name)
      else this.jar(origin).set(name, value)
    }
  }

  private cookieHeader(origin: string): string {
    return [...this.jar(origin)].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** One request, no redirects followed. */
  async request(url: string, method = 'GET', form?: Record<string, string>): Promise<Response> {
    const target = new URL(url, this.appOrigin)
    const body = form ? new URLSearchParams(form).toString() : undefined
    const headers: Record<string, string> = { cookie: this.cookieHeader(target.origin), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }
    if (target.origin === this.appOrigin) {
      const r = await this.app.inject({ method: method as 'GET', url: target.pathname + target.search, headers, ...(body ? { payload: body } : {}) })
      const set = r.headers['set-cookie']
      this.keep(target.origin, set === undefined ? [] : Array.isArray(set) ? set : [set])
      return { status: r.statusCode, location: r.headers.location as string | undefined, body: r.body, url: target.href }
    }
    const r = await fetch(target, { method, headers, body, redirect: 'manual' })
    this.keep(target.origin, r.headers.getSetCookie())
    return { status: r.status, location: r.headers.get('location') ?? undefined, body: await r.text(), url: target.href }
  }

  /** Requests and follows every redirect; answers the last response. */
  async follow(url: string, method = 'GET', form?: Record<string, string>): Promise<Response> {
    let response = await this.request(url, method, form)
    for (let hops = 0; response.location && hops < 20; hops++) response = await this.request(new URL(response.location, response.url).href)
    return response
  }

  /** Submits the form on a page of the provider's development interactions. */
  async submitProviderForm(page: Response, fields: Record<string, string>): Promise<Response> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1]
    if (!action) throw new Error(`No form on ${page.url}: ${page.body.slice(0, 300)}`)
    return this.follow(new URL(action.replace(/&amp;/g, '&'), page.url).href, 'POST', fields)
  }
}
