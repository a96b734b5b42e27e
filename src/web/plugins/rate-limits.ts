// Rate limits where guessing pays: signing in (on top of the per-account lockout, which the
// sign-in service keeps) and the not-found page. Counted per client address; behind the reverse
// proxy that is the forwarded address, which is why TRUST_PROXY exists.
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

export const SIGN_IN_LIMIT = { max: 20, timeWindow: '5 minutes' } as const
export const NOT_FOUND_LIMIT = { max: 60, timeWindow: '1 minute' } as const

async function rateLimits(app: FastifyInstance): Promise<void> {
  // Not global: only routes that ask for a limit (config.rateLimit) have one.
  await app.register(rateLimit, { global: false })
}

export default fp(rateLimits, { name: 'rate-limits' })
