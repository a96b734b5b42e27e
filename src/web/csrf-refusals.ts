// A form refused for its CSRF token is an attempt to get round a control, so it is audited
// (ASVS 16.3.3) as `access.refused`, reason csrf: who (the signed-in user, or a signed-out
// visitor), the route's pattern and the request id; never the form, which may hold personal data.
// Each address gets a few entries per window and no more, so nobody can grow the audit chain
// cheaply by posting forged forms; past the limit a refusal is still refused, and only logged.
import type { FastifyRequest } from 'fastify'
import type { Actor, AuditEvent, Clock } from '../services/context.js'

/** Audited CSRF refusals per client address in each window. */
export const CSRF_AUDIT_LIMIT = { max: 20, windowMs: 5 * 60_000 } as const

/** Enough addresses for a busy day; past it, finished windows are forgotten first. */
const MAX_ADDRESSES = 10_000

/** Answers true while `key` has had fewer than `max` calls in its current window. */
export function windowedAllowance(limit: { max: number; windowMs: number }, now: Clock): (key: string) => boolean {
  const windows = new Map<string, { startedAt: number; count: number }>()
  return (key) => {
    const at = now().getTime()
    if (windows.size >= MAX_ADDRESSES) {
      for (const [k, w] of windows) if (at - w.startedAt >= limit.windowMs) windows.delete(k)
      if (windows.size >= MAX_ADDRESSES) windows.clear()
    }
    const current = windows.get(key)
    if (!current || at - current.startedAt >= limit.windowMs) {
      windows.set(key, { startedAt: at, count: 1 })
      return true
    }
    current.count += 1
    return current.count <= limit.max
  }
}

export function csrfRefusalRecorder(record: (actor: Actor, event: AuditEvent) => Promise<void>, now: Clock): (request: FastifyRequest) => Promise<void> {
  const allowed = windowedAllowance(CSRF_AUDIT_LIMIT, now)
  return async (request) => {
    if (!allowed(request.ip)) {
      request.log.warn('CSRF refusal over the audit limit for this address: logged, not audited')
      return
    }
    const user = request.user
    const actor: Actor = user
      ? { kind: 'user', userId: user.id, email: user.email, permissions: request.permissions, requestId: request.id, ip: request.ip }
      : { kind: 'system', name: 'signed-out visitor', requestId: request.id }
    await record(actor, {
      action: 'access.refused',
      outcome: 'refused: csrf',
      authorityId: request.permissions.currentAuthority?.id ?? null,
      recordType: 'page',
      recordId: request.routeOptions.url ?? null,
    })
  }
}
