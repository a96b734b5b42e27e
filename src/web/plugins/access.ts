// What a route needs before it runs. Every route declares it in its config; a route that
// declares nothing is refused (deny by default), and a test enumerates the routes to prove that
// each one has a declaration.
import type { FastifyInstance, RouteOptions } from 'fastify'
import type { Action } from '../../domain/permissions/index.js'

/** Anyone, signed in or not: sign-in, the footer pages, /health, static files, error pages. */
export const PUBLIC = 'public'
/** Any signed-in user, whatever their role (home page, sign out, keep-alive, switch authority). */
export const SIGNED_IN = 'signed-in'

/**
 * An API route (/api/v1): a bearer token with this scope, acting for this permission in the
 * token's authority (see src/domain/permissions/api-scopes.ts). Session cookies never satisfy it.
 */
export interface ApiAccess {
  readonly scope: 'read' | 'write'
  readonly action: Action
}

export type Access = typeof PUBLIC | typeof SIGNED_IN | Action | ApiAccess

export function isApiAccess(access: Access | undefined): access is ApiAccess {
  return typeof access === 'object' && access !== null && 'scope' in access
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyInstance {
    /** Every route with its declared access, for the test that proves each one has one. */
    declaredRoutes(): { method: string; url: string; access: Access | undefined }[]
  }
}

/** Records every route as it is added (the app registers this before anything else). */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteOptions[] = []
  app.addHook('onRoute', (route) => {
    routes.push(route)
  })
  // Read at call time: hooks in child contexts (the static files) set `access` after this one runs.
  app.decorate('declaredRoutes', () => routes.map((r) => ({ method: String(r.method), url: r.url, access: r.config?.access })))
}

/** For route options: `{ config: requires('audit:view') }`. */
export function requires(access: Access): { access: Access } {
  return { access }
}
