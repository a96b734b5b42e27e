// "Your sign-in details": a signed-in user's password, authenticator app and recovery codes.
// Changing any of them needs the password (and a code, with an app) again within 5 minutes.
// People who signed in through single sign-on manage their sign-in with their organisation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { newTotpSecret } from '../../../domain/multi-factor/index.js'
import { formErrors, parseForm, text } from '../../forms.js'
import { SIGNED_IN } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import { SIGN_IN_LIMIT } from '../../plugins/rate-limits.js'
import type { CredentialChange } from '../account-sessions/routes.js'
import type { FeatureOptions } from '../index.js'
import { NEW_CODE_REFUSED_MESSAGE } from './routes.js'
import { setUpDetails } from './second-step.js'

/** How long a confirmation lets the user change their sign-in details. */
export const CONFIRMATION_MINUTES = 5
const CHANGES = { password: '/account/password', authenticator: '/account/authenticator', 'recovery-codes': '/account/new-recovery-codes', sessions: '/account/sessions' } as const
type Change = keyof typeof CHANGES
const isChange = (value: unknown): value is Change => typeof value === 'string' && value in CHANGES

const passwordSchema = z
  .object({
    password: z.string().min(1, { message: 'Enter a new password' }).max(1024, { message: 'Password must be 1,024 characters or fewer' }),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: 'The passwords do not match', path: ['confirm'] })

export default async function accountRoutes(app: FastifyInstance, { services, now }: FeatureOptions): Promise<void> {
  const who = (request: FastifyRequest) => ({ userId: request.user?.id ?? '', ip: request.ip, requestId: request.id })
  const viaSingleSignOn = (request: FastifyRequest) => request.session.signInMethod === 'single-sign-on'
  const confirmed = (request: FastifyRequest) => {
    const at = request.session.confirmedAt
    return at !== undefined && now().getTime() - Date.parse(at) <= CONFIRMATION_MINUTES * 60_000
  }
  /** Sends the user to confirm it is them first; null when they recently did. */
  const needsConfirming = (request: FastifyRequest, reply: FastifyReply, change: Change) => {
    if (viaSingleSignOn(request)) throw notFound()
    return confirmed(request) ? null : reply.redirect(`/account/confirm?next=${change}`, 303)
  }
  const showCodes = (request: FastifyRequest, reply: FastifyReply, codes: string[]) => {
    request.session.recoveryCodes = codes
    return reply.redirect('/account/recovery-codes', 303)
  }
  /** After a change, "Your sessions" offers to end the others (ASVS 7.4.3); after new codes, on the way there. */
  const changed = (request: FastifyRequest, what: CredentialChange) => {
    delete request.session.confirmedAt
    request.session.credentialChanged = what
  }

  app.get<{ Querystring: Record<string, string> }>('/account', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const userId = who(request).userId
    const enrolled = await services.multiFactor.enrolled(userId)
    return reply.page('multi-factor/views/account.njk', {
      singleSignOn: viaSingleSignOn(request),
      enrolled,
      codesLeft: enrolled ? await services.multiFactor.unusedRecoveryCodes(userId) : 0,
      recoveryCodeUsed: request.query['recovery-code-used'] === '1',
    })
  })

  app.get('/account/recovery-codes', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const codes = request.session.recoveryCodes
    // Shown once: a reload or the back button finds them gone.
    delete request.session.recoveryCodes
    if (!codes) return reply.redirect('/account', 303)
    return reply.page('multi-factor/views/recovery-codes.njk', { codes, continueTo: request.session.credentialChanged ? '/account/sessions' : '/' })
  })

  app.get<{ Querystring: { next?: string } }>('/account/confirm', { config: { access: SIGNED_IN } }, async (request, reply) => {
    if (viaSingleSignOn(request) || !isChange(request.query.next)) throw notFound()
    return reply.page('multi-factor/views/confirm.njk', { next: request.query.next, enrolled: await services.multiFactor.enrolled(who(request).userId) })
  })

  app.post<{ Querystring: { next?: string } }>('/account/confirm', { config: { access: SIGNED_IN, rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const next = request.query.next
    if (viaSingleSignOn(request) || !isChange(next)) throw notFound()
    const enrolled = await services.multiFactor.enrolled(who(request).userId)
    const password = text(request.body, 'password')
    const code = text(request.body, 'code').trim()
    const missing = { ...(password === '' ? { password: 'Enter your password' } : {}), ...(enrolled && code === '' ? { code: 'Enter the code from your authenticator app' } : {}) }
    if (Object.keys(missing).length > 0) return reply.page('multi-factor/views/confirm.njk', { next, enrolled, ...formErrors(missing) }, 400)
    const result = await services.signInDetails.confirmIdentity(who(request), password.slice(0, 1024), code.slice(0, 40))
    if (!result.ok) {
      const errors: Record<string, string> = result.reason === 'wrong-password' ? { password: 'Enter your correct password' } : { code: 'Enter a correct code from your authenticator app, or a recovery code' }
      return reply.page('multi-factor/views/confirm.njk', { next, enrolled, ...formErrors(errors) }, 401)
    }
    request.session.confirmedAt = now().toISOString()
    request.session.reauthenticatedAt = request.session.confirmedAt
    return reply.redirect(CHANGES[next], 303)
  })

  app.get('/account/password', { config: { access: SIGNED_IN } }, async (request, reply) => {
    return needsConfirming(request, reply, 'password') ?? reply.page('multi-factor/views/password.njk', {})
  })

  app.post('/account/password', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const redirect = needsConfirming(request, reply, 'password')
    if (redirect) return redirect
    const parsed = parseForm(passwordSchema, request.body)
    if (!parsed.ok) return reply.page('multi-factor/views/password.njk', { ...parsed }, 400)
    const result = await services.signInDetails.changePassword(who(request), parsed.data.password)
    if (!result.ok) return reply.page('multi-factor/views/password.njk', { ...formErrors({ password: result.reason === 'weak-password' ? result.message : 'Enter a new password' }) }, 400)
    changed(request, 'password')
    return reply.redirect('/account/sessions', 303)
  })

  app.get('/account/authenticator', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const redirect = needsConfirming(request, reply, 'authenticator')
    if (redirect) return redirect
    request.session.newSecret = newTotpSecret()
    return reply.page('multi-factor/views/set-up.njk', { ...(await setUpDetails(request.session.newSecret, request.user?.email ?? '')), action: '/account/authenticator' })
  })

  app.post('/account/authenticator', { config: { access: SIGNED_IN, rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const redirect = needsConfirming(request, reply, 'authenticator')
    if (redirect) return redirect
    const secret = request.session.newSecret
    if (!secret) return reply.redirect('/account/authenticator', 303)
    const result = await services.multiFactor.enrol(who(request), secret, text(request.body, 'code').slice(0, 40))
    if (!result.ok) {
      return reply.page('multi-factor/views/set-up.njk', { ...(await setUpDetails(secret, request.user?.email ?? '')), action: '/account/authenticator', ...formErrors({ code: NEW_CODE_REFUSED_MESSAGE }) }, 400)
    }
    delete request.session.newSecret
    changed(request, 'authenticator')
    return showCodes(request, reply, result.recoveryCodes)
  })

  app.get('/account/new-recovery-codes', { config: { access: SIGNED_IN } }, async (request, reply) => {
    return needsConfirming(request, reply, 'recovery-codes') ?? reply.page('multi-factor/views/new-recovery-codes.njk', {})
  })

  app.post('/account/new-recovery-codes', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const redirect = needsConfirming(request, reply, 'recovery-codes')
    if (redirect) return redirect
    const result = await services.multiFactor.newRecoveryCodes(who(request))
    if (!result.ok) return reply.redirect('/account', 303)
    changed(request, 'recovery-codes')
    return showCodes(request, reply, result.recoveryCodes)
  })
}
