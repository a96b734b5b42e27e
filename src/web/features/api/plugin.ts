// The JSON API under /api/v1 (issue 7, item 1). Bearer tokens only: the session cookie is never
// read for these routes (plugins/auth.ts skips them) and CSRF does not apply, as no ambient
// credential is accepted. Every route declares { scope, action }; the token must hold the scope,
// and the services check the action again in the token's own authority. Errors are always JSON.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { TokenPermissions } from '../../../domain/permissions/api-scopes.js'
import type { Services, TokenHolder } from '../../../services/index.js'
import { isApiAccess, PUBLIC } from '../../plugins/access.js'
import { register, type ApiRoute } from './define.js'
import { ApiError, REALM, sendError } from './http.js'

/** Per token: generous for scripts, low enough that a leaked token cannot drain the service. */
export const API_RATE_LIMIT = { max: 300, timeWindow: '1 minute' } as const

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/

function unauthorised(message: string, detail?: string): ApiError {
  const challenge = detail ? `${REALM}, error="invalid_token", error_description="${detail}"` : REALM
  return new ApiError(401, message, undefined, { 'www-authenticate': challenge })
}

const REFUSED_TOKEN: Record<string, string> = {
  malformed: 'The bearer token is not in the right format',
  unknown: 'The bearer token is not recognised',
  expired: 'The bearer token has expired',
  revoked: 'The bearer token has been revoked',
}

async function holderOf(request: FastifyRequest, services: Services): Promise<TokenHolder> {
  const header = request.headers.authorization
  if (!header) throw unauthorised('Send a bearer token: Authorization: Bearer sin_…')
  const match = BEARER.exec(header.trim())
  if (!match?.[1]) throw unauthorised('Send a bearer token: Authorization: Bearer sin_…', 'malformed')
  const result = await services.apiTokens.authenticate(match[1])
  if (!result.ok) throw unauthorised(REFUSED_TOKEN[result.reason] ?? 'The bearer token is refused', result.reason)
  return result.holder
}

export interface ApiPluginOptions {
  readonly services: Services
  readonly routes: readonly ApiRoute[]
  readonly rateLimit?: { readonly max: number; readonly timeWindow: string }
}

export async function apiV1(app: FastifyInstance, { services, routes, rateLimit }: ApiPluginOptions): Promise<void> {
  // JSON only: a form post is not an API request.
  app.removeContentTypeParser(['application/x-www-form-urlencoded'])
  app.decorateRequest('apiActor', null)
  app.decorateRequest('apiAuthorityId', null)

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('cache-control', 'no-store')
    if (request.is404) return
    const access = request.routeOptions.config.access
    if (access === PUBLIC) return
    if (!isApiAccess(access)) throw new ApiError(403, 'Forbidden') // deny by default
    const holder = await holderOf(request, services)
    const permissions = new TokenPermissions(holder.authority, holder.scopes, access.action)
    const actor = { kind: 'user' as const, userId: `api-token:${holder.id}`, email: `API token "${holder.name}" (${holder.id})`, permissions, requestId: request.id, ip: request.ip }
    request.apiActor = actor
    request.apiAuthorityId = holder.authority.id
    if (!holder.scopes.includes(access.scope) || !permissions.can(access.action)) {
      await services.audit.record(actor, { action: 'access.refused', outcome: `refused: ${access.scope} scope`, authorityId: holder.authority.id, recordType: 'api', recordId: request.routeOptions.url ?? null })
      throw new ApiError(403, `This token does not have the ${access.scope} scope`, undefined, { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${access.scope}"` })
    }
  })

  // Counted per token, after authentication, so one integrator's script cannot starve another's.
  const limit = rateLimit ?? API_RATE_LIMIT
  app.addHook(
    'onRequest',
    app.rateLimit({
      ...limit,
      keyGenerator: (request) => (request.apiActor ? request.apiActor.userId : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) => new ApiError(429, `Too many requests for this token: at most ${context.max} a ${context.after.replace(/^1 /, '')}`),
    }),
  )

  app.setNotFoundHandler((_request, reply) => sendError(reply, new ApiError(404, 'There is no such API route')))
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      // Refused tokens and scopes are worth seeing in the logs (never the token: the header is redacted).
      if (error.status === 401 || error.status === 403) request.log.info({ statusCode: error.status }, error.message)
      return sendError(reply, error)
    }
    const status = error.statusCode ?? 500
    if (status === 429) return sendError(reply, new ApiError(429, 'Too many requests for this token'))
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, new ApiError(415, 'Send the body as application/json'))
    if (status >= 400 && status < 500) return sendError(reply, new ApiError(status, error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(error.message) ? 'The body is not valid JSON' : error.message))
    request.log.error({ err: error }, 'Unexpected error in the API')
    return sendError(reply, new ApiError(500, 'Something went wrong; the request id is in the X-Request-Id header'))
  })
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id)
    return payload
  })

  for (const definition of routes) register(app, definition)
}
