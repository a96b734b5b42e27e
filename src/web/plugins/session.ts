// Sessions kept in the database (the data layer's store), so several server processes share
// them. The cookie is HttpOnly, SameSite=Lax and, on HTTPS, Secure with the __Host- prefix (ASVS
// 3.3). The limits below are enforced on the server by the auth plugin, whatever the browser does.
import cookie from '@fastify/cookie'
import session, { type SessionStore } from '@fastify/session'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

import { SESSION_LIMITS } from '../../services/session-store.js'

/** Signed out after this long without a request (ASVS 7.3.1). */
export const IDLE_LIMIT_SECONDS = SESSION_LIMITS.idleMs / 1000
/** Signed out this long after signing in, however active (ASVS 7.3.2). */
export const ABSOLUTE_LIMIT_SECONDS = SESSION_LIMITS.absoluteMs / 1000
/** The timeout warning opens this long before the idle limit. */
export const WARNING_BEFORE_SECONDS = SESSION_LIMITS.warningMs / 1000

declare module 'fastify' {
  interface Session {
    userId?: string
    /** ISO-8601 instants, from the injected clock. */
    signedInAt?: string
    lastSeenAt?: string
    /** The authority the user is working in, for users who serve several. */
    authorityId?: string
  }
}

export interface SessionOptions {
  readonly secret: string
  readonly cookieSecure: boolean
  readonly store: SessionStore
}

/** Browsers refuse a __Host- cookie that is not Secure, so plain HTTP (a laptop) uses a plain name. */
export function sessionCookieName(cookieSecure: boolean): string {
  return cookieSecure ? '__Host-sin-session' : 'sin-session'
}

async function sessions(app: FastifyInstance, options: SessionOptions): Promise<void> {
  await app.register(cookie)
  await app.register(session, {
    secret: options.secret,
    store: options.store,
    cookieName: sessionCookieName(options.cookieSecure),
    // Only sessions with something in them are stored: a signed-in user, or a CSRF secret for a form.
    saveUninitialized: false,
    // The cookie is sent again with each response so that it, too, lapses after the idle limit.
    rolling: true,
    cookie: {
      path: '/',
      httpOnly: true,
      secure: options.cookieSecure,
      sameSite: 'lax',
      maxAge: IDLE_LIMIT_SECONDS * 1000,
    },
  })
}

export default fp(sessions, { name: 'sessions' })
