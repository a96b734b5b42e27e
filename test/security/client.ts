// A signed-in (or signed-out) user driving the app in process, for the security tests. Unlike
// TestBrowser it sends every request from a fresh client address, so the not-found rate limit
// (60 a minute per address) never turns the hundreds of expected 404s into 429s.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DEMO, demoCode } from '../../src/web/testing.js'

let addresses = 0
function nextAddress(): string {
  addresses += 1
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`
}

export type Body = string | Record<string, string | readonly string[]>

/** Encodes a form body; arrays become repeated fields (a=1&a=2). */
export function formBody(fields: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) for (const v of typeof value === 'string' ? [value] : value) params.append(name, v)
  return params.toString()
}

export class Client {
  readonly cookies = new Map<string, string>()
  csrf = ''

  /** `clock`: the test app's clock, which the demo authenticator's codes follow. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly clock?: (() => Date) & { advance?(ms: number): void },
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1]
    if (token) this.csrf = token
    return response
  }

  async request(method: string, url: string, body?: Body): Promise<LightMyRequestResponse> {
    const withToken = typeof body === 'string' ? body : formBody({ _csrf: this.csrf, ...(body ?? {}) })
    const send = method === 'GET' || method === 'HEAD' ? {} : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: withToken }
    return this.remember(await this.app.inject({ method: method as 'GET', url, cookies: Object.fromEntries(this.cookies), remoteAddress: nextAddress(), ...send }))
  }

  get(url: string) {
    return this.request('GET', url)
  }

  post(url: string, form: Record<string, string | readonly string[]> = {}) {
    return this.request('POST', url, form)
  }

  /** Signs in; a user of several authorities then works in `authorityId` when given. */
  async signIn(email: string, authorityId?: string): Promise<void> {
    await this.get('/sign-in')
    const response = await this.post('/sign-in', { email, password: DEMO.password })
    if (response.statusCode !== 303) throw new Error(`${email} could not sign in: ${response.statusCode}`)
    if (response.headers.location === '/sign-in/code') {
      // Decision owners, admins and auditors give the demo authenticator's code (issue 8.3).
      await this.get('/sign-in/code')
      const coded = await this.post('/sign-in/code', { code: demoCode(this.app, email, this.clock) })
      if (coded.statusCode !== 303) throw new Error(`${email} could not give a code: ${coded.statusCode}`)
    }
    if (authorityId) {
      await this.get('/switch-authority')
      const switched = await this.post('/switch-authority', { authorityId })
      if (switched.statusCode !== 303) throw new Error(`${email} could not work in ${authorityId}: ${switched.statusCode}`)
    }
  }
}
