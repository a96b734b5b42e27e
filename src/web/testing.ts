// For route tests: the app on a test database with a movable clock and the demo loaded, and a
// tiny browser (a cookie jar, and the CSRF token read from the last page) driving app.inject.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Database } from '../data/db.js'
import { createServices, DEMO_PASSWORD, testClock } from '../services/index.js'
import { DEMO_TOTP_SECRET, timeStep, totpCodeForStep } from '../domain/multi-factor/index.js'
import { buildApp, type AppConfig } from './app.js'
import type { WebServices } from './services.js'
import { loggerOptions } from './logging.js'

export const DEMO = {
  password: DEMO_PASSWORD,
  practitioner: 'practitioner@demo.example',
  decisionOwner: 'decision-owner@demo.example',
  partner: 'partner@demo.example',
  businessUnit: 'business-unit@demo.example',
  auditor: 'auditor@demo.example',
  admin: 'admin@demo.example',
  otherAuthorityPractitioner: 'practitioner.demo-borough@demo.example',
} as const

/** Test options: AppConfig values, and `logTo` to capture the real pino logs as JSON lines. */
export type TestAppOptions = Partial<AppConfig> & { readonly logTo?: (line: string) => void; readonly oidcFetch?: typeof fetch; readonly holidaysFile?: string }

/** `extend` adds routes before the app is ready (for example one that throws). */
export async function testApp(database: Database, options: TestAppOptions = {}, extend?: (app: FastifyInstance, services: WebServices) => void) {
  const { logTo, oidcFetch, holidaysFile, ...config } = options
  const clock = testClock('2026-11-24T09:00:00.000Z')
  const services = createServices(database, { now: clock, ...(holidaysFile ? { holidaysFile } : {}) })
  await services.loadDemo()
  const app = await buildApp({
    config: { production: false, sessionSecret: 'a-test-secret-that-is-at-least-32-characters', cookieSecure: false, trustProxy: false, logLevel: 'silent', ...config },
    services,
    now: clock,
    logger: logTo ? { ...loggerOptions('info'), stream: { write: logTo } } : false,
    ...(oidcFetch ? { oidcFetch } : {}),
  })
  extend?.(app, services)
  await app.ready()
  return { app, clock, services, browser: () => new TestBrowser(app, clock) }
}

/** A movable clock (testClock), so the demo authenticator can wait for a fresh time-step. */
type MovableClock = (() => Date) & { advance?(ms: number): void }

/** The last time-step each demo account's code was used for, per app: a step is never accepted twice. */
const stepsUsed = new WeakMap<FastifyInstance, Map<string, number>>()

/**
 * The demo authenticator app: the code for the earliest time-step the service will still accept
 * for this account, moving the test clock on 30 seconds when one sign-in after another needs it.
 */
export function demoCode(app: FastifyInstance, email: string, clock?: MovableClock): string {
  const used = stepsUsed.get(app) ?? new Map<string, number>()
  stepsUsed.set(app, used)
  const current = timeStep(clock ? clock() : new Date())
  const step = Math.max(current, (used.get(email) ?? -1) + 1)
  // The service accepts one step ahead; beyond that, wait (move the clock) until it comes.
  if (step > current + 1) clock?.advance?.((step - current - 1) * 30_000)
  used.set(email, step)
  return totpCodeForStep(DEMO_TOTP_SECRET, step)
}

export class TestBrowser {
  cookies = new Map<string, string>()
  lastCsrf = ''
  /** Sent as the User-Agent header when set (light-my-request's own otherwise). */
  userAgent: string | undefined

  private get agent(): Record<string, string> {
    return this.userAgent === undefined ? {} : { 'user-agent': this.userAgent }
  }

  constructor(private readonly app: FastifyInstance, private readonly clock?: MovableClock) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1]
    if (token) this.lastCsrf = token
    return response
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies), headers: this.agent }))
  }

  /** Posts a form with the last page's CSRF token unless `_csrf` is given (or null: none). */
  async post(url: string, form: Record<string, string> = {}, csrf: string | null = this.lastCsrf): Promise<LightMyRequestResponse> {
    const fields = csrf === null ? form : { _csrf: csrf, ...form }
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: Object.fromEntries(this.cookies),
        headers: { ...this.agent, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
    )
  }

  /** Posts a multipart form with one file, and the last page's CSRF token unless `csrf` is given (or null: none). */
  async upload(url: string, file: { name: string; content: string | Buffer; field?: string }, form: Record<string, string> = {}, csrf: string | null = this.lastCsrf): Promise<LightMyRequestResponse> {
    const boundary = '----test-upload-boundary'
    const fields = csrf === null ? form : { _csrf: csrf, ...form }
    const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`)
    const payload = Buffer.concat([...parts, head, Buffer.from(file.content), Buffer.from(`\r\n--${boundary}--\r\n`)])
    return this.remember(
      await this.app.inject({ method: 'POST', url, cookies: Object.fromEntries(this.cookies), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }),
    )
  }

  /** Signs in, with the demo authenticator's code when the account has one (or must set one up). */
  async signIn(email: string, password: string = DEMO.password): Promise<LightMyRequestResponse> {
    await this.get('/sign-in')
    const response = await this.post('/sign-in', { email, password })
    const next = response.headers.location
    if (next !== '/sign-in/code' && next !== '/sign-in/set-up-authenticator') return response
    const page = await this.get(next)
    // An account without the demo's app sets up the one on the page (its key is shown as text).
    const secret = next === '/sign-in/code' ? DEMO_TOTP_SECRET : (/id="secret">([A-Z2-7 ]+)</.exec(page.body)?.[1] ?? '').replace(/ /g, '')
    const code = secret === DEMO_TOTP_SECRET ? demoCode(this.app, email, this.clock) : totpCodeForStep(secret, timeStep(this.clock ? this.clock() : new Date()))
    return this.post(next, { code })
  }
}
