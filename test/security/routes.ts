// Finding real URLs for the router's route patterns: every route the app declares (the pages' and
// the bearer-token API's), and a crawl of the demo's pages (links and form actions) as each role, so path parameters get real ids.
import type { FastifyInstance } from 'fastify'
import type { Client } from './client.js'
import { isApiAccess } from '../../src/web/plugins/access.js'

export interface Route {
  readonly method: string
  readonly url: string
}

const split = (routes: ReturnType<FastifyInstance['declaredRoutes']>): Route[] => routes.flatMap((r) => r.method.split(',').map((method) => ({ method, url: r.url })))

/**
 * Every method × URL the router has (HEAD included: it is a separate route in Fastify) that a
 * cookie session uses: all but the bearer-token API's, which apiRoutesOf lists.
 */
export function routesOf(app: FastifyInstance): Route[] {
  return split(app.declaredRoutes().filter((r) => !isApiAccess(r.access)))
}

/** The bearer-token API's routes (/api/v1, each declaring a scope), HEAD included. */
export function apiRoutesOf(app: FastifyInstance): Route[] {
  return split(app.declaredRoutes().filter((r) => isApiAccess(r.access)))
}

const statics = (pattern: string) => pattern.split('/').filter((s) => s && !s.startsWith(':') && s !== '*').length

function patternRegex(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((s) => (s.startsWith(':') ? '[^/]+' : s === '*' ? '.*' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${body}$`)
}

/** The most specific pattern a path matches (static segments beat parameters, as in the router). */
export function patternFor(patterns: readonly string[], path: string): string | undefined {
  return patterns.filter((p) => patternRegex(p).test(path)).sort((a, b) => statics(b) - statics(a))[0]
}

/** The path parameters of a concrete URL for a pattern. */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = pattern.split('/')
  const values = path.split('/')
  return Object.fromEntries(names.flatMap((n, i) => (n.startsWith(':') ? [[n.slice(1), values[i] ?? '']] : [])))
}

const decode = (s: string) => s.replace(/&amp;/g, '&')

/**
 * Follows links and form actions from the home page, the case list and the settings, visiting at
 * most a few URLs of each pattern. Returns, per "METHOD pattern", the concrete URLs found.
 */
export async function crawl(client: Client, patterns: readonly string[], found: Map<string, string[]>, limit = 400): Promise<void> {
  const queue = ['/', '/incidents', '/settings', '/settings/users', '/reports', '/audit', '/outbox']
  const seen = new Set<string>()
  const visitsPerPattern = new Map<string, number>()
  const note = (method: string, path: string) => {
    const pattern = patternFor(patterns, path)
    if (!pattern) return undefined
    const key = `${method} ${pattern}`
    const list = found.get(key) ?? []
    if (!list.includes(path) && list.length < 12) list.push(path)
    found.set(key, list)
    return pattern
  }
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift() ?? ''
    if (seen.has(path)) continue
    seen.add(path)
    const pattern = note('GET', path)
    if (!pattern) continue
    const visits = visitsPerPattern.get(pattern) ?? 0
    // Every case's own pages are visited (cases at each step link to different forms); other patterns a few times.
    if (visits >= (/^\/incidents\/:id(\/(rapid-review|practice-review|actions))?$/.test(pattern) ? 40 : 3)) continue
    visitsPerPattern.set(pattern, visits + 1)
    const response = await client.get(path)
    if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue
    // A form without an action posts back to its own page.
    if (/<form(?![^>]*action=)[^>]*method="post"/i.test(response.body)) note('POST', path)
    for (const m of response.body.matchAll(/<form[^>]*action="([^"]+)"/g)) {
      const action = decode(m[1] ?? '').split('?')[0] ?? ''
      if (action.startsWith('/')) note('POST', action)
    }
    for (const m of response.body.matchAll(/(?:href|src)="(\/[^"#]*)"/g)) {
      const href = decode(m[1] ?? '').split('?')[0] ?? ''
      if (href.startsWith('/assets')) note('GET', href)
      else if (!href.startsWith('//') && !seen.has(href)) queue.push(href)
    }
  }
}
