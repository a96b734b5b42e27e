// The second step of signing in with a password (docs/sign-in.md): a code from the user's
// authenticator app or a recovery code; or, for someone who must have an app and has none,
// setting one up, straight after the password and before any other page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DEMO_TOTP_SECRET, newTotpSecret, spacedSecret } from '../../../domain/multi-factor/index.js'
import { formErrors, text } from '../../forms.js'
import { PUBLIC } from '../../plugins/access.js'
import { SIGN_IN_LIMIT } from '../../plugins/rate-limits.js'
import { startSession } from '../sign-in/start-session.js'
import type { FeatureOptions } from '../index.js'
import accountRoutes from './account-routes.js'
import { secondStepOf, setUpDetails } from './second-step.js'

export const CODE_REFUSED_MESSAGE = 'Enter a correct code from your authenticator app, or a recovery code. After 5 wrong attempts your account is locked for 15 minutes'
export const NEW_CODE_REFUSED_MESSAGE = 'Enter the 6-digit code your authenticator app shows now'

const limited = { access: PUBLIC, rateLimit: SIGN_IN_LIMIT } as const

export default async function multiFactorRoutes(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { services, now, production } = options
  await app.register(accountRoutes, options)
  // Outside production the code page names the demo's published secret, for people trying the demo.
  const demoHint = production ? null : spacedSecret(DEMO_TOTP_SECRET)
  const who = (request: FastifyRequest, userId: string) => ({ userId, ip: request.ip, requestId: request.id })

  const finish = async (request: FastifyRequest, reply: FastifyReply, userId: string) => {
    const user = await services.users.signedIn(userId)
    if (!user) return reply.redirect('/sign-in', 303)
    await startSession(request, user, now(), 'password')
    return null
  }

  app.get('/sign-in/code', { config: limited }, async (request, reply) => {
    if (!secondStepOf(request, now())?.enrolled) return reply.redirect('/sign-in', 303)
    return reply.page('multi-factor/views/code.njk', { demoHint })
  })

  app.post('/sign-in/code', { config: limited }, async (request, reply) => {
    const step = secondStepOf(request, now())
    if (!step?.enrolled) return reply.redirect('/sign-in', 303)
    const code = text(request.body, 'code').trim()
    if (code === '') return reply.page('multi-factor/views/code.njk', { ...formErrors({ code: 'Enter the code from your authenticator app' }), demoHint }, 400)
    const result = await services.multiFactor.verify(who(request, step.userId), code.slice(0, 40))
    if (!result.ok) return reply.page('multi-factor/views/code.njk', { ...formErrors({ code: CODE_REFUSED_MESSAGE }), demoHint }, 401)
    const redirected = await finish(request, reply, step.userId)
    if (redirected) return redirected
    return reply.redirect(result.usedRecoveryCode ? '/account?recovery-code-used=1' : '/', 303)
  })

  const setUpPage = async (request: FastifyRequest, reply: FastifyReply, email: string, extra: object = {}, status = 200) => {
    request.session.newSecret ??= newTotpSecret()
    return reply.page('multi-factor/views/set-up.njk', { ...(await setUpDetails(request.session.newSecret, email)), action: request.url.split('?')[0], ...extra }, status)
  }

  app.get('/sign-in/set-up-authenticator', { config: limited }, async (request, reply) => {
    const step = secondStepOf(request, now())
    if (!step || step.enrolled) return reply.redirect('/sign-in', 303)
    return setUpPage(request, reply, step.email, { duringSignIn: true })
  })

  app.post('/sign-in/set-up-authenticator', { config: limited }, async (request, reply) => {
    const step = secondStepOf(request, now())
    const secret = request.session.newSecret
    if (!step || step.enrolled || !secret) return reply.redirect('/sign-in', 303)
    const result = await services.multiFactor.enrol(who(request, step.userId), secret, text(request.body, 'code').slice(0, 40))
    if (!result.ok) return setUpPage(request, reply, step.email, { duringSignIn: true, ...formErrors({ code: NEW_CODE_REFUSED_MESSAGE }) }, 400)
    const redirected = await finish(request, reply, step.userId)
    if (redirected) return redirected
    request.session.recoveryCodes = result.recoveryCodes
    return reply.redirect('/account/recovery-codes', 303)
  })
}
