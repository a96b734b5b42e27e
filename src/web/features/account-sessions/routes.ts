// "Your sessions" (ASVS 7.5.2): where the signed-in user is signed in, with this session marked;
// they end any other one, or all the others, having proved it is them in the last 5 minutes
// (signing in, or their password and code again), so a stolen session cannot throw the real user
// out. After a change of password, authenticator app or
// recovery codes they are brought here with the offer to end the others (ASVS 7.4.3). The
// services only ever look at the user's own sessions, so another user's is simply not found.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { SIGNED_IN } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { CONFIRMATION_MINUTES } from '../multi-factor/account-routes.js'

/** What the user just changed, for the message offering to end their other sessions. */
export type CredentialChange = 'password' | 'authenticator' | 'recovery-codes'

declare module 'fastify' {
  interface Session {
    /** Shown once on "Your sessions", then gone. */
    credentialChanged?: CredentialChange
    /** How many sessions the last "sign out" here ended; shown once. */
    sessionsEnded?: number
    /** A single sign-on user must sign in again before ending sessions; said once. */
    sessionsNeedSignIn?: boolean
  }
}

const CHANGED: Readonly<Record<CredentialChange, string>> = {
  password: 'Your password has been changed',
  authenticator: 'Your new authenticator app is set up',
  'recovery-codes': 'You have new recovery codes',
}

export default async function accountSessionRoutes(app: FastifyInstance, { services, now }: FeatureOptions): Promise<void> {
  const recentlyAuthenticated = (request: FastifyRequest) =>
    [request.session.signedInAt, request.session.reauthenticatedAt].some((at) => at !== undefined && now().getTime() - Date.parse(at) <= CONFIRMATION_MINUTES * 60_000)
  /** Null when they may end sessions; otherwise where they prove it is them first. */
  const needsProof = (request: FastifyRequest, reply: FastifyReply) => {
    if (recentlyAuthenticated(request)) return null
    // Single sign-on users have no password here: a fresh sign-in at their organisation is the proof.
    if (request.session.signInMethod === 'single-sign-on') {
      request.session.sessionsNeedSignIn = true
      return reply.redirect('/account/sessions', 303)
    }
    return reply.redirect('/account/confirm?next=sessions', 303)
  }

  app.get('/account/sessions', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const sessions = (await services.userSessions.list(actorOf(request), request.session.sessionId)) ?? []
    const { credentialChanged, sessionsEnded, sessionsNeedSignIn } = request.session
    delete request.session.credentialChanged
    delete request.session.sessionsEnded
    delete request.session.sessionsNeedSignIn
    return reply.page('account-sessions/views/sessions.njk', {
      sessions,
      others: sessions.filter((s) => !s.current).length,
      changed: credentialChanged ? CHANGED[credentialChanged] : null,
      ended: sessionsEnded ?? null,
      needSignIn: sessionsNeedSignIn === true,
      confirmMinutes: CONFIRMATION_MINUTES,
      confirmFirst: !recentlyAuthenticated(request) && request.session.signInMethod !== 'single-sign-on',
    })
  })

  app.post<{ Params: { handle: string } }>('/account/sessions/:handle/end', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const proof = needsProof(request, reply)
    if (proof) return proof
    const result = await services.userSessions.end(actorOf(request), request.session.sessionId, request.params.handle.slice(0, 64))
    // Not theirs, already gone, or this one (which signing out ends): all alike, nothing to end here.
    if (!result.ok) throw notFound()
    request.session.sessionsEnded = 1
    return reply.redirect('/account/sessions', 303)
  })

  app.post('/account/sessions/end-others', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const proof = needsProof(request, reply)
    if (proof) return proof
    const result = await services.userSessions.endOthers(actorOf(request), request.session.sessionId)
    if (!result.ok) throw notFound()
    request.session.sessionsEnded = result.ended
    return reply.redirect('/account/sessions', 303)
  })
}
