// Who is asking, and may they? Puts the signed-in user and their Permissions on every request,
// ends sessions past their idle or absolute limit, and enforces each route's declared access.
// Everything is denied by default: a route with no declaration is refused.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Permissions, type AuthorityMembership } from '../../domain/permissions/index.js'
import { isApiAccess, PUBLIC, SIGNED_IN } from './access.js'
import { forbidden } from './errors.js'
import { ABSOLUTE_LIMIT_SECONDS, IDLE_LIMIT_SECONDS } from './session.js'

export interface CurrentUser {
  readonly id: string
  readonly email: string
  readonly name: string
  /** The partnership mailbox of the authority they work in, for the phase banner's feedback link. */
  readonly feedbackEmail: string | null
}

export interface AuthOptions {
  /** The user and their memberships, or null when they no longer exist or are disabled. */
  loadUser(userId: string, authorityId: string | undefined): Promise<{ user: CurrentUser; memberships: readonly AuthorityMembership[] } | null>
  /** Writes "access refused" to the audit trail (ASVS 16.3.2). */
  recordRefusal(request: FastifyRequest, what: string): Promise<void>
  readonly now: () => Date
  readonly cookieName: string
}

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null
    permissions: Permissions
  }
}

/** Why a session ended without the user signing out; the sign-in page tells them. */
type Ended = 'inactive' | 'expired'

function sessionEnded(request: FastifyRequest, now: Date): Ended | null {
  const { signedInAt, lastSeenAt } = request.session
  if (!signedInAt || !lastSeenAt) return 'expired'
  if (now.getTime() - Date.parse(lastSeenAt) > IDLE_LIMIT_SECONDS * 1000) return 'inactive'
  if (now.getTime() - Date.parse(signedInAt) > ABSOLUTE_LIMIT_SECONDS * 1000) return 'expired'
  return null
}

/**
 * The store refuses an idle or too old session, so the request arrives with a cookie naming a
 * session that no longer exists. Almost always that is inactivity; the page says so.
 */
function cookieOutlivedSession(request: FastifyRequest, cookieName: string): boolean {
  const sent = request.cookies[cookieName]
  return sent !== undefined && sent !== request.session.encryptedSessionId
}

async function identify(request: FastifyRequest, options: AuthOptions): Promise<Ended | null> {
  const userId = request.session.userId
  if (!userId) return cookieOutlivedSession(request, options.cookieName) ? 'inactive' : null
  const now = options.now()
  const ended = sessionEnded(request, now)
  const found = ended ? null : await options.loadUser(userId, request.session.authorityId)
  if (!found) {
    // A fresh, empty session replaces the old one, which is deleted from the store.
    await request.session.regenerate()
    return ended ?? 'expired'
  }
  request.session.lastSeenAt = now.toISOString()
  request.user = found.user
  request.permissions = new Permissions(found.memberships, request.session.authorityId)
  return null
}

function goToSignIn(reply: FastifyReply, ended: Ended | null): FastifyReply {
  return reply.redirect(ended ? `/signed-out?reason=${ended}` : '/sign-in', 303)
}

async function auth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  // Until the hook below runs (and for requests it never reaches) nobody may do anything.
  const granted = new WeakMap<FastifyRequest, Permissions>()
  const nobody = Permissions.none()
  app.decorateRequest('user', null)
  app.decorateRequest('permissions', {
    getter(this: FastifyRequest) {
      return granted.get(this) ?? nobody
    },
    setter(this: FastifyRequest, value: Permissions) {
      granted.set(this, value)
    },
  })

  app.addHook('onRequest', async (request, reply) => {
    // API routes authenticate with bearer tokens only (src/web/features/api): a session cookie
    // is not even read for them, so a browser's session can never call the API.
    if (isApiAccess(request.routeOptions.config.access)) return
    const ended = await identify(request, options)
    // The not-found handler has no route of its own; it is public so that anyone can be told.
    if (request.is404) return
    const access = request.routeOptions.config.access
    if (access === PUBLIC) return
    if (access === undefined) {
      request.log.error({ route: request.routeOptions.url }, 'Route declares no access; refused')
      throw forbidden()
    }
    if (!request.user) return goToSignIn(reply, ended)
    if (access === SIGNED_IN || request.permissions.can(access)) return
    await options.recordRefusal(request, access)
    throw forbidden()
  })
}

export default fp(auth, { name: 'auth', dependencies: ['sessions', 'views'] })
