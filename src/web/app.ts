// buildApp(deps): the web application, its plugins registered in the order a request meets
// them. Nothing here opens a database or reads the environment; server.ts (and the tests) do.
import { randomUUID } from 'node:crypto'
import formbody from '@fastify/formbody'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { OidcProviderSettings } from '../config.js'
import type { Clock } from '../services/context.js'
import type { WebServices } from './services.js'
import { loggerOptions } from './logging.js'
import security from './plugins/security.js'
import assets from './plugins/assets.js'
import views from './plugins/views.js'
import sessions, { sessionCookieName } from './plugins/session.js'
import csrf from './plugins/csrf.js'
import rateLimits from './plugins/rate-limits.js'
import auth from './plugins/auth.js'
import errors from './plugins/errors.js'
import { features } from './features/index.js'
import { recordRoutes } from './plugins/access.js'
import { csrfRefusalRecorder } from './csrf-refusals.js'
import { frameworkError, MAX_PATH_SEGMENT } from './features/api/http.js'

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

export interface AppConfig {
  readonly production: boolean
  readonly sessionSecret: string
  readonly cookieSecure: boolean
  readonly trustProxy: boolean
  readonly logLevel: string
  /** The address users reach, for single sign-on's redirect URI (BASE_URL). */
  readonly baseUrl?: string
  readonly oidcProviders?: readonly OidcProviderSettings[]
  /** MFA_REQUIRED_FOR_ALL: every local account needs an authenticator app. */
  readonly mfaForAll?: boolean
  /** API_REQUESTS_PER_MINUTE: each API token's limit. */
  readonly apiRequestsPerMinute?: number
}

export interface AppDeps {
  readonly config: AppConfig
  readonly services: WebServices
  readonly now?: Clock
  /** Tests pass false to keep their output quiet; otherwise pino JSON on standard output. */
  readonly logger?: FastifyServerOptions['logger']
  /** Tests replace how the OpenID client fetches (to tamper with what a provider sends). */
  readonly oidcFetch?: typeof fetch
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, services } = deps
  const now = deps.now ?? (() => new Date())
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    // A request id from the proxy is kept only when the proxy is trusted (ASVS 4.1.3), and only
    // when it looks like an id, so nothing else reaches the logs through it (ASVS 16.4.1).
    requestIdHeader: false,
    genReqId: (request) => {
      const fromProxy = config.trustProxy ? request.headers['x-request-id'] : undefined
      return typeof fromProxy === 'string' && REQUEST_ID.test(fromProxy) ? fromProxy : randomUUID()
    },
    bodyLimit: 100_000,
    // A notification's id and its clock's key name every child on it (kind:id+id+…), so they
    // outgrow the router's default of 100 characters for a path segment.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_SEGMENT },
    frameworkErrors: frameworkError,
  })

  recordRoutes(app)
  await app.register(security, { production: config.production })
  await app.register(assets)
  await app.register(views, { production: config.production, calendarCoverage: () => services.bankHolidays.coverage() })
  await app.register(formbody)
  await app.register(sessions, { secret: config.sessionSecret, cookieSecure: config.cookieSecure, store: services.sessionStore })
  await app.register(csrf)
  await app.register(rateLimits)
  await app.register(auth, {
    now,
    cookieName: sessionCookieName(config.cookieSecure),
    loadUser: async (userId, authorityId) => {
      const user = await services.users.signedIn(userId)
      if (!user) return null
      const chosen = user.memberships.find((m) => m.authorityId === authorityId) ?? user.memberships[0]
      const authority = chosen ? await services.authorities.get(chosen.authorityId) : null
      return { user: { id: user.id, email: user.email, name: user.name, feedbackEmail: authority?.partnershipEmail ?? null }, memberships: user.memberships }
    },
    recordRefusal: (request, what) =>
      services.audit.record(
        { kind: 'user', userId: request.user?.id ?? '', email: request.user?.email ?? '', permissions: request.permissions, requestId: request.id, ip: request.ip },
        { action: 'access.refused', outcome: `refused: ${what}`, authorityId: request.permissions.currentAuthority?.id ?? null, recordType: 'page', recordId: request.routeOptions.url ?? null },
      ),
  })
  await app.register(errors, { production: config.production, recordCsrfRefusal: csrfRefusalRecorder((actor, event) => services.audit.record(actor, event), now) })
  await app.register(features, {
    services, now, cookieSecure: config.cookieSecure, production: config.production,
    ...(config.apiRequestsPerMinute ? { apiRequestsPerMinute: config.apiRequestsPerMinute } : {}),
    signIn: { baseUrl: config.baseUrl ?? 'http://localhost:3000', providers: config.oidcProviders ?? [], mfaForAll: config.mfaForAll ?? false, ...(deps.oidcFetch ? { fetch: deps.oidcFetch } : {}) },
  })
  return app
}
