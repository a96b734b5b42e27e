// The load itself: autocannon, in this process, against each target in turn, with the same
// connections and duration; each target's figures and its ratio to the bare Fastify baseline.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import autocannon from 'autocannon'
import { PROXY_HEADERS } from './server.js'

export interface LoadOptions {
  readonly connections: number
  readonly seconds: number
}

export interface Target {
  readonly name: string
  readonly url: string
  readonly method?: 'GET' | 'POST'
  readonly headers?: Record<string, string>
  readonly body?: string
}

export interface TargetFigures {
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Responses that were not 2xx (a broken target shows here rather than as a fast one). */
  readonly non2xx: number
  readonly errors: number
  /** Requests per second as a share of the bare route's, in the same run. */
  ratioToBaseline?: number
}

export type Missing = { readonly missing: string }

/** What a browser sends: compressed answers accepted, over the proxy's https. */
export const BROWSER_HEADERS = { ...PROXY_HEADERS, 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' } as const

export async function load(target: Target, options: LoadOptions): Promise<TargetFigures> {
  const result = await autocannon({
    url: target.url, method: target.method ?? 'GET', connections: options.connections, duration: options.seconds,
    headers: target.headers ?? {}, ...(target.body === undefined ? {} : { body: target.body }),
  })
  return {
    requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99,
    non2xx: result.non2xx, errors: result.errors,
  }
}

/** The assessment the API is loaded with: the contract's first example (../shared/contract/assessment.md). */
export const ASSESSMENT = JSON.stringify({
  awareDate: '2026-03-02', incidentDate: '2026-02-28', outcome: 'seriously_harmed', abuseOrNeglect: 'suspected', location: 'this_area', normallyResident: true, child: { dateOfBirth: '2025-10-30' },
})

/**
 * A bearer token for POST /api/v1/assessments, made with `sin token create` (the API's own way,
 * through its services), then tried once. Answers why not when this build has no API yet, so the
 * benchmark reports the target as missing instead of failing.
 */
export async function apiTarget(url: string, databaseUrl: string): Promise<Target | Missing> {
  const sin = fileURLToPath(new URL('../../bin/sin', import.meta.url))
  let token: string
  try {
    const { stdout } = await promisify(execFile)(sin, ['token', 'create', '--authority', 'COV', '--scope', 'read,write', '--name', 'benchmark'], {
      env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000,
    })
    token = stdout.trim()
  } catch (error) {
    // What the command said, briefly, so a failure other than "no such command" is visible.
    const said = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0]?.slice(0, 160) ?? ''
    return { missing: `no API tokens in this build (\`sin token create\` failed${said ? `: ${said}` : ''})` }
  }
  const target: Target = {
    name: 'assessment', url: `${url}/api/v1/assessments`, method: 'POST', body: ASSESSMENT,
    headers: { ...PROXY_HEADERS, authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' },
  }
  const tried = await fetch(target.url, { method: 'POST', headers: target.headers, body: ASSESSMENT })
  await tried.arrayBuffer()
  return tried.ok ? target : { missing: `POST /api/v1/assessments answered ${tried.status}` }
}
