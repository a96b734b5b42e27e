// Multi-factor sign-in rules (issue 8; ASVS 6.3.3, 6.5): who must use an authenticator app,
// and time-based one-time passwords (RFC 6238) as authenticator apps make them: SHA-1, 6 digits,
// 30-second steps, one step either side accepted for clocks that drift, and never the same step
// twice for one user (ASVS 6.5.1).
import * as OTPAuth from 'otpauth'
import type { AuthorityMembership, Role } from '../permissions/index.js'

/** The roles that may decide, administer or read everything: always a second factor. */
export const MFA_ROLES: readonly Role[] = ['decision-owner', 'admin', 'auditor']

export const TOTP = { algorithm: 'SHA1', digits: 6, period: 30, window: 1 } as const
export const ISSUER_LABEL = 'Serious incident notifications'

/**
 * The demo's authenticator secret, used only outside production for the demo accounts that must
 * have one, so people trying the demo (and the tests) can compute the code. Obviously not secret.
 */
export const DEMO_TOTP_SECRET = 'DEMOONLYDEMOONLYDEMOONLYDEMOONLY'

export function mfaRequired(memberships: readonly AuthorityMembership[], forAll: boolean): boolean {
  return forAll || memberships.some((m) => MFA_ROLES.includes(m.role))
}

function totp(secret: string, label = 'account'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER_LABEL, label, algorithm: TOTP.algorithm, digits: TOTP.digits, period: TOTP.period, secret: OTPAuth.Secret.fromBase32(secret) })
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 for the app. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32
}

/** The otpauth:// URI the QR code holds. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString()
}

export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP.period)
}

/** The code for a time-step (the tests' and the demo helpers' authenticator app). */
export function totpCodeForStep(secret: string, step: number): string {
  return totp(secret).generate({ timestamp: step * TOTP.period * 1000 })
}

/**
 * The time-step the code belongs to, if it is right at `at` (one step either side) and later
 * than `lastStep`; otherwise null.
 */
export function acceptedStep(secret: string, code: string, at: Date, lastStep: number): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totp(secret).validate({ token, timestamp: at.getTime(), window: TOTP.window })
  if (delta === null) return null
  const step = timeStep(at) + delta
  return step > lastStep ? step : null
}

/** Secrets written for people typing them: groups of four. */
export function spacedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}
