// How strongly the provider says the person signed in (ASVS 6.8.4). A provider configured with
// requiredAcr or requiredAmr must say so in the verified ID token: `acr` one of the listed values,
// `amr` holding at least one of them. Missing or other values are refused, not trusted.
import type { OidcProviderSettings } from '../../../config.js'

type Required = Pick<OidcProviderSettings, 'requiredAcr' | 'requiredAmr'>

/** A claim's values as the audit entry shows them: printable, short, or a plain word. */
function shown(value: unknown): string {
  const values = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value]
  if (values.length === 0) return 'none'
  return values.map((v) => (typeof v === 'string' && /^[\x21-\x7e]{1,40}$/.test(v) ? v : 'unreadable')).slice(0, 5).join(' ')
}

/** Null when the ID token's claims meet the provider's requirements; otherwise why not, for the audit trail. */
export function authenticationTooWeak(required: Required, claims: { readonly acr?: unknown; readonly amr?: unknown }): string | null {
  const { requiredAcr, requiredAmr } = required
  const acrOk = !requiredAcr || (typeof claims.acr === 'string' && requiredAcr.includes(claims.acr))
  const amr = Array.isArray(claims.amr) ? (claims.amr as unknown[]) : []
  const amrOk = !requiredAmr || amr.some((method) => typeof method === 'string' && requiredAmr.includes(method))
  if (acrOk && amrOk) return null
  return `authentication not strong enough (acr: ${shown(claims.acr)}; amr: ${shown(claims.amr)})`
}
