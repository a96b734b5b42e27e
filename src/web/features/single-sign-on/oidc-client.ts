// The OpenID Connect relying party (openid-client v6): each provider's metadata is discovered
// once and kept; a failed discovery is forgotten so the next sign-in tries again.
import * as client from 'openid-client'
import type { OidcProviderSettings } from '../../../config.js'

export interface SignInSettings {
  /** BASE_URL: the redirect URI is BASE_URL/sign-in/sso/ID/callback. */
  readonly baseUrl: string
  readonly providers: readonly OidcProviderSettings[]
  /** MFA_REQUIRED_FOR_ALL. */
  readonly mfaForAll: boolean
  /** Tests only: how the client reaches the provider. */
  readonly fetch?: typeof fetch
}

export function redirectUri(settings: SignInSettings, provider: OidcProviderSettings): string {
  return new URL(`/sign-in/sso/${provider.id}/callback`, settings.baseUrl).href
}

export function oidcClients(settings: SignInSettings) {
  const discovered = new Map<string, Promise<client.Configuration>>()

  async function discover(provider: OidcProviderSettings): Promise<client.Configuration> {
    const insecure = provider.issuer.startsWith('http://')
    const config = await client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, client.ClientSecretPost(provider.clientSecret), {
      // Plain http only for a provider on the same machine in development and tests; config.ts
      // refuses http issuers in production.
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      ...(settings.fetch ? { [client.customFetch]: settings.fetch } : {}),
    })
    // The ID token's signature is checked against the provider's keys, not only trusted
    // because it came over TLS from the token endpoint (ASVS 10.5.1, defence in depth).
    client.enableNonRepudiationChecks(config)
    return config
  }

  return {
    providers: settings.providers,
    find: (id: string) => settings.providers.find((p) => p.id === id),
    config(provider: OidcProviderSettings): Promise<client.Configuration> {
      let found = discovered.get(provider.id)
      if (!found) {
        found = discover(provider)
        discovered.set(provider.id, found)
        found.catch(() => discovered.delete(provider.id))
      }
      return found
    },
  }
}
