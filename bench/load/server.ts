// Starts bench/load/serve.ts as a child process with production settings against a seeded
// database, times the first page it serves, samples its memory, and signs in as a demo account.
import { execFile, fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** Behind the reverse proxy that ends TLS: the service trusts it, and it says the request came over https. */
export const PROXY_HEADERS = { 'x-forwarded-proto': 'https' } as const

export interface RunningBenchServer {
  readonly url: string
  readonly bareUrl: string
  /** Milliseconds from starting the process to the first page (the sign-in page) served. */
  readonly firstPageMs: number
  /** The peak resident memory so far, in MB (the kernel's high-water mark where it keeps one). */
  peakRssMb(): number
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))))
    })
  })
}

/** Resident memory of a process from /proc (Linux): [current, peak] in kB, or null elsewhere. */
function rssOf(pid: number): [number, number] | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
    return [kb('VmRSS'), kb('VmHWM')]
  } catch {
    return null
  }
}

/**
 * Compiles the service as `npm run build` does (into dist/), so the server runs as in production,
 * without tsx. BENCH_FROM_SOURCES=1 skips this and runs the sources through tsx instead.
 */
export async function buildServer(): Promise<void> {
  if (process.env.BENCH_FROM_SOURCES) return
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
  await promisify(execFile)(process.execPath, [tsc, '-p', fileURLToPath(new URL('../../tsconfig.build.json', import.meta.url))], { timeout: 300_000 })
}

export async function startBenchServer(databaseUrl: string): Promise<RunningBenchServer> {
  const port = await freePort()
  const started = performance.now()
  const sources = Boolean(process.env.BENCH_FROM_SOURCES)
  const child: ChildProcess = fork(fileURLToPath(new URL('./serve.mjs', import.meta.url)), [], {
    // The V8 setting `npm run start:prod` gives the production server (docs/deployment.md).
    execArgv: ['--max-semi-space-size=4', ...(sources ? ['--import', 'tsx'] : []), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    // Production settings, as a deployment would have them; the scheduler is off so that only the
    // requests below load the server (docs/performance.md).
    env: {
      ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      SESSION_SECRET: 'benchmark-session-secret-at-least-32-characters', BASE_URL: 'https://sin.bench.example', TRUST_PROXY: 'true',
      EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://127.0.0.1:9', EMAIL_FROM: 'sin@bench.example', SCHEDULER_INTERVAL_SECONDS: '0',
      // The API target measures the assessment, not the token's limit (300 a minute by default).
      API_REQUESTS_PER_MINUTE: '1000000',
      ...(sources ? { BENCH_SERVER_ROOT: '../../src' } : {}),
    },
    // The request log goes nowhere, but is still written, as in production.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  let peakKb = 0
  const sample = () => {
    const rss = child.pid ? rssOf(child.pid) : null
    if (rss) peakKb = Math.max(peakKb, rss[0], rss[1])
  }
  const sampler = setInterval(sample, 100)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = new Promise<{ ready: string; bare: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { ready: string; bare: string }))
    child.once('exit', (code) => reject(new Error(`the server stopped before it was ready (exit ${code})`)))
  })

  // Ask for the sign-in page until it comes back: that is the first page served.
  const url = `http://127.0.0.1:${port}`
  let firstPageMs = 0
  for (;;) {
    try {
      const response = await fetch(`${url}/sign-in`, { headers: PROXY_HEADERS })
      await response.arrayBuffer()
      if (response.ok) {
        firstPageMs = Math.round(performance.now() - started)
        break
      }
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const { bare } = await ready
  return {
    url, bareUrl: bare, firstPageMs,
    peakRssMb: () => (sample(), Math.round(peakKb / 1024)),
    async stop() {
      sample()
      clearInterval(sampler)
      child.send('stop')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Signs in through the sign-in form as a browser would, and answers the session cookie. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const cookies = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0] as string)
  const form = await fetch(`${url}/sign-in`, { headers: PROXY_HEADERS })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
  if (!csrf) throw new Error('the sign-in page has no CSRF token')
  const posted = await fetch(`${url}/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { ...PROXY_HEADERS, 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(form).join('; ') },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  await posted.arrayBuffer()
  const session = cookies(posted).join('; ')
  if (posted.status !== 303 || !session) throw new Error(`signing in as ${email} failed (${posted.status})`)
  return session
}
