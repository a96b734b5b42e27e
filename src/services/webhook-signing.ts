// The webhook signature (docs/webhooks.md): HMAC-SHA256 with the endpoint's secret over
// "timestamp.body", sent as "v1=<hex>" so the scheme can change without breaking receivers.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The signature header's value. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** What a receiver does (docs/webhooks.md): recompute, compare in constant time, check freshness. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body))
  const given = Buffer.from(header)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false
  return Math.abs(nowSeconds - Number(timestamp)) <= toleranceSeconds
}

