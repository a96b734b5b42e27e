// The real service as a child process (node --import tsx src/server.ts), which the crash harness
// can kill with SIGKILL, and a small HTTP client that signs in and posts forms as a browser would
// (a cookie jar, the CSRF token and the version read from the page it just fetched).
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { DEMO_TOTP_SECRET, timeStep, totpCodeForStep } from '../../src/domain/multi-factor/index.js'

/** The last authenticator time-step each account used, across this run's browsers. */
const stepsUsed = new Map<string, number>()

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface ServerProcess {
  readonly url: string
  /** Kills it with no warning (SIGKILL) and waits until it has gone. */
  kill(): Promise<void>
  /** The last lines it wrote, for a failure report. */
  output(): string
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Starts the service on DATABASE_URL `databaseUrl` (on `port`, or a free one) and waits until /health answers 200. */
export async function startServerProcess(databaseUrl: string, port?: number): Promise<ServerProcess> {
  port ??= await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER_INTERVAL_SECONDS: '0', LOAD_DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service stopped while starting:\n${log}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`The service did not start within 60 seconds:\n${log}`)
    }
    const healthy = await fetch(`${url}/health`).then((r) => r.status === 200, () => false)
    if (healthy) break
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    output: () => log,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** The service did not answer (it was killed, or is not up yet): expected during the harness. */
export class ServiceGone extends Error {
  override readonly name = 'ServiceGone'
}

export interface FormResponse {
  readonly status: number
  readonly location: string
  readonly body: string
}

/** One signed-in user's browser: its cookies; each form is posted with its own page's CSRF token and version. */
export class HttpBrowser {
  private readonly cookies = new Map<string, string>()

  constructor(private readonly base: string) {}

  private async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<FormResponse> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded'
    let response: Response
    let body: string
    try {
      response = await fetch(`${this.base}${path}`, { method, headers, redirect: 'manual', ...(form ? { body: new URLSearchParams(form).toString() } : {}) })
      body = await response.text()
    } catch (error) {
      throw new ServiceGone(`${method} ${path}: ${error instanceof Error ? error.message : String(error)}`)
    }
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at)
      const value = pair.slice(at + 1)
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { status: response.status, location: response.headers.get('location') ?? '', body }
  }

  get(path: string): Promise<FormResponse> {
    return this.request('GET', path)
  }

  /** Fetches the form's page, then posts it with that page's CSRF token and version. */
  async submit(page: string, form: Record<string, string>, action = page): Promise<FormResponse> {
    const shown = await this.get(page)
    if (shown.status !== 200) throw new Error(`GET ${page} answered ${shown.status}`)
    const csrf = /name="_csrf" value="([^"]+)"/.exec(shown.body)?.[1] ?? ''
    const version = /name="version" value="(\d+)"/.exec(shown.body)?.[1]
    return this.request('POST', action, { _csrf: csrf, ...(version ? { version } : {}), ...form })
  }

  /** Signs in unless the session (kept in the database) is still good, as it should be after a restart. */
  async ensureSignedIn(email: string, password: string): Promise<void> {
    const home = await this.get('/')
    if (home.status !== 200) await this.signIn(email, password)
  }

  async signIn(email: string, password: string): Promise<void> {
    const answer = await this.submit('/sign-in', { email, password })
    if (answer.status !== 303) throw new Error(`Signing in as ${email} answered ${answer.status}`)
    if (answer.location !== '/sign-in/code') return
    // The decision owner must give the demo authenticator's code; a time-step is never accepted
    // twice, so a second sign-in uses the next one (accepted a step early) or waits for it.
    const step = Math.max(timeStep(new Date()), (stepsUsed.get(email) ?? -1) + 1)
    stepsUsed.set(email, step)
    const wait = (step - 1) * 30_000 - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const coded = await this.submit('/sign-in/code', { code: totpCodeForStep(DEMO_TOTP_SECRET, step) })
    if (coded.status !== 303) throw new Error(`The code for ${email} answered ${coded.status}`)
  }
}
