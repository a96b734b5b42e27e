// Between the password and the code: the session holds who has given their password, and
// nothing else. No page but the code (or setting up an app) is open to them until then, because
// the auth plugin sees no signed-in user.
import type { FastifyRequest } from 'fastify'
import { spacedSecret, totpUri } from '../../../domain/multi-factor/index.js'

/** How long the code page waits after the password. */
export const SECOND_STEP_MINUTES = 10

declare module 'fastify' {
  interface Session {
    /** Password accepted; the code (or setting up an app) comes next. */
    secondStep?: { userId: string; email: string; at: string; enrolled: boolean }
    /** The secret being set up, until a code from it is typed. */
    newSecret?: string
    /** Shown once, on the next page, then gone. */
    recoveryCodes?: string[]
    /** When the user last proved it was them again (for changing sign-in details). */
    confirmedAt?: string
    /** The same, but not used up by a change: ending other sessions needs it recent (ASVS 7.5.2). */
    reauthenticatedAt?: string
  }
}

export async function beginSecondStep(request: FastifyRequest, user: { id: string; email: string }, enrolled: boolean, now: Date): Promise<string> {
  await request.session.regenerate()
  request.session.secondStep = { userId: user.id, email: user.email, at: now.toISOString(), enrolled }
  return enrolled ? '/sign-in/code' : '/sign-in/set-up-authenticator'
}

/** The second step under way, if it is not too old. */
export function secondStepOf(request: FastifyRequest, now: Date) {
  const step = request.session.secondStep
  if (!step || now.getTime() - Date.parse(step.at) > SECOND_STEP_MINUTES * 60_000) return null
  return step
}

/** What the set-up page shows: the QR code as an SVG data URI (allowed by the CSP) and the secret as text. */
export async function setUpDetails(secret: string, email: string) {
  const { default: QRCode } = await import('qrcode')
  const svg = await QRCode.toString(totpUri(secret, email), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, secretText: spacedSecret(secret) }
}
