// Signing in and out, the keep-alive behind "Stay signed in", and the signed-out pages.
import type { FastifyInstance } from 'fastify'
import { SIGN_IN_REFUSED_MESSAGE } from '../../../services/sign-in.js'
import { PUBLIC, SIGNED_IN } from '../../plugins/access.js'
import { SIGN_IN_LIMIT } from '../../plugins/rate-limits.js'
import { sessionCookieName } from '../../plugins/session.js'
import { formErrors, parseForm, text } from '../../forms.js'
import type { FeatureOptions } from '../index.js'
import { signInSchema } from './schema.js'
import { startSession } from './start-session.js'
import { mfaRequired } from '../../../domain/multi-factor/index.js'
import { beginSecondStep } from '../multi-factor/second-step.js'

const SIGNED_OUT_REASONS = new Set(['inactive', 'expired'])

export default async function signInRoutes(app: FastifyInstance, { services, now, cookieSecure, signIn }: FeatureOptions): Promise<void> {
  // "Sign in with …" buttons, one per single sign-on provider.
  const providers = (signIn?.providers ?? []).map((p) => ({ id: p.id, name: p.name }))
  app.get('/sign-in', { config: { access: PUBLIC } }, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303)
    return reply.page('sign-in/views/sign-in.njk', { values: {}, providers })
  })

  app.post('/sign-in', { config: { access: PUBLIC, rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const values = { email: text(request.body, 'email') }
    const parsed = parseForm(signInSchema, request.body)
    if (!parsed.ok) return reply.page('sign-in/views/sign-in.njk', { ...parsed, values, providers }, 400)

    const result = await services.signIn({ ...parsed.data, ip: request.ip, requestId: request.id })
    if (!result.ok) {
      // One message for every refusal: it must not tell anyone whether the account exists.
      return reply.page('sign-in/views/sign-in.njk', { ...formErrors({ email: SIGN_IN_REFUSED_MESSAGE }), values, providers }, 401)
    }
    // An authenticator app, or a role that must have one: the code (or setting one up) comes next.
    if (result.codeNext || mfaRequired(result.user.memberships, signIn?.mfaForAll ?? false)) {
      return reply.redirect(await beginSecondStep(request, result.user, result.codeNext, now()), 303)
    }
    await startSession(request, result.user, now(), 'password')
    return reply.redirect('/', 303)
  })

  app.post('/sign-out', { config: { access: PUBLIC } }, async (request, reply) => {
    if (request.user) {
      await services.audit.record(
        { kind: 'user', userId: request.user.id, email: request.user.email, permissions: request.permissions, requestId: request.id, ip: request.ip },
        { action: 'sign-out', outcome: 'done', authorityId: request.permissions.currentAuthority?.id ?? null, recordType: 'user', recordId: request.user.id },
      )
    }
    await request.session.destroy()
    reply.clearCookie(sessionCookieName(cookieSecure), { path: '/' })
    reply.header('clear-site-data', '"cache", "cookies", "storage"')
    return reply.redirect('/signed-out', 303)
  })

  // "Stay signed in": any signed-in request resets the idle clock, so this only answers.
  app.post('/keep-alive', { config: { access: SIGNED_IN } }, async (request, reply) => {
    if (request.headers.accept?.includes('application/json')) return reply.code(204).send()
    return reply.redirect('/', 303)
  })

  app.get<{ Querystring: { reason?: string } }>('/signed-out', { config: { access: PUBLIC } }, async (request, reply) => {
    const reason = SIGNED_OUT_REASONS.has(request.query.reason ?? '') ? request.query.reason : null
    return reply.page('sign-in/views/signed-out.njk', { reason })
  })
}
