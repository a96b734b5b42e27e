// Sign in through an OpenID provider (docs/single-sign-on.md): the authorisation code flow with
// PKCE, state and nonce. The user's identity (issuer and subject from a verified ID token) must
// be linked to an account by an admin; roles come from this service, never from the provider.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import * as client from 'openid-client'
import { PUBLIC } from '../../plugins/access.js'
import { SIGN_IN_LIMIT } from '../../plugins/rate-limits.js'
import { startSession } from '../sign-in/start-session.js'
import type { FeatureOptions } from '../index.js'
import { authenticationTooWeak } from './authentication-strength.js'
import { oidcClients, redirectUri } from './oidc-client.js'
import identitySettingsRoutes from './settings-routes.js'

declare module 'fastify' {
  interface Session {
    /** The single sign-on under way: checked when the provider sends the user back. */
    oidc?: { provider: string; state: string; nonce: string; verifier: string }
  }
}

type ProviderParams = { Params: { provider: string } }

export default async function singleSignOnRoutes(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  await app.register(identitySettingsRoutes, options)
  const settings = options.signIn
  if (!settings || settings.providers.length === 0) return
  const { services, now } = options
  const oidc = oidcClients(settings)

  const failed = async (request: FastifyRequest, provider: string, why: string) => {
    await services.audit.record({ kind: 'system', name: `${provider} identity`, requestId: request.id }, { action: 'sign-in.failed', outcome: `single sign-on: ${why}`, recordType: 'user' })
    return why
  }

  app.get<ProviderParams>('/sign-in/sso/:provider', { config: { access: PUBLIC, rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const provider = oidc.find(request.params.provider)
    if (!provider) return reply.callNotFound()
    let config: client.Configuration
    try {
      config = await oidc.config(provider)
    } catch (error) {
      request.log.warn({ err: error, provider: provider.id }, 'OpenID provider discovery failed')
      return reply.page('single-sign-on/views/unavailable.njk', { providerName: provider.name }, 503)
    }
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const nonce = client.randomNonce()
    request.session.oidc = { provider: provider.id, state, nonce, verifier }
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(settings, provider),
      scope: provider.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // Asks for the strength the service will insist on; the ID token is still checked.
      ...(provider.requiredAcr ? { acr_values: provider.requiredAcr.join(' ') } : {}),
    })
    return reply.redirect(url.href, 303)
  })

  app.get<ProviderParams>('/sign-in/sso/:provider/callback', { config: { access: PUBLIC, rateLimit: SIGN_IN_LIMIT } }, async (request, reply) => {
    const provider = oidc.find(request.params.provider)
    if (!provider) return reply.callNotFound()
    const pending = request.session.oidc
    // Used once: a second visit to the same callback finds nothing under way.
    delete request.session.oidc
    const refused = async (why: string) => {
      await failed(request, provider.id, why)
      return reply.page('single-sign-on/views/failed.njk', { providerName: provider.name, providerId: provider.id }, 400)
    }
    if (!pending || pending.provider !== provider.id) return refused('no sign-in under way')
    let claims: client.IDToken | undefined
    try {
      const config = await oidc.config(provider)
      const tokens = await client.authorizationCodeGrant(config, new URL(request.url, settings.baseUrl), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      claims = tokens.claims()
    } catch (error) {
      const code = error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'error'
      request.log.warn({ err: error, provider: provider.id }, 'Single sign-on refused')
      return refused(code)
    }
    if (!claims) return refused('no ID token')
    const tooWeak = authenticationTooWeak(provider, { acr: claims['acr'], amr: claims['amr'] })
    if (tooWeak) {
      await failed(request, provider.id, tooWeak)
      return reply.page('single-sign-on/views/too-weak.njk', { providerName: provider.name, providerId: provider.id }, 403)
    }
    const result = await services.singleSignOn.signIn({ issuer: claims.iss, subject: claims.sub, provider: provider.id, ip: request.ip, requestId: request.id })
    if (!result.ok) {
      const page = result.reason === 'not-linked' ? 'not-linked.njk' : 'failed.njk'
      return reply.page(`single-sign-on/views/${page}`, { providerName: provider.name, providerId: provider.id }, 403)
    }
    await startSession(request, result.user, now(), 'single-sign-on')
    return reply.redirect('/', 303)
  })
}
