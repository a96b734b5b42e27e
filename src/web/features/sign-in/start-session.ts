// What every way of signing in ends with: a new session id (ASVS 7.2.4: the old id, and
// anything planted in it, is dropped), the user, the clocks the auth plugin checks, and the
// authority they start in.
import type { FastifyRequest } from 'fastify'
import { describeBrowser } from '../../../domain/sessions/index.js'
import type { SignedInUser } from '../../../services/users.js'

/** 'password' is a local account (with its code when it has an authenticator app). */
export type SignInMethod = 'password' | 'single-sign-on'

declare module 'fastify' {
  interface Session {
    signInMethod?: SignInMethod
    /** "Firefox on Windows": what "Your sessions" shows to tell this one apart (never the raw header). */
    browser?: string
  }
}

export async function startSession(request: FastifyRequest, user: SignedInUser, now: Date, method: SignInMethod): Promise<void> {
  await request.session.regenerate()
  const at = now.toISOString()
  const firstAuthority = [...user.memberships].sort((a, b) => a.authorityName.localeCompare(b.authorityName, 'en-GB'))[0]
  request.session.userId = user.id
  request.session.signedInAt = at
  request.session.lastSeenAt = at
  request.session.signInMethod = method
  const browser = describeBrowser(request.headers['user-agent'])
  if (browser) request.session.browser = browser
  if (firstAuthority) request.session.authorityId = firstAuthority.authorityId
}
