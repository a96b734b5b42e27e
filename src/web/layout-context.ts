// What every page's layout needs, worked out once per request.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { navigationFor } from './navigation.js'
import { IDLE_LIMIT_SECONDS, WARNING_BEFORE_SECONDS } from './plugins/session.js'

export const SERVICE_NAME = 'Serious incident notifications'

export function layoutContext(request: FastifyRequest, reply: FastifyReply, options: { readonly production: boolean; readonly calendarCoverage?: () => { lastDay: string; warn: boolean } }): Record<string, unknown> {
  const user = request.user
  const path = request.url.split('?')[0] ?? '/'
  return {
    serviceName: SERVICE_NAME,
    cspNonce: reply.cspNonce.script,
    // A function, so a session (and its CSRF secret) is only made for pages that have a form.
    csrfToken: () => reply.generateCsrf(),
    currentPath: path,
    user: user ? { name: user.name } : null,
    authority: request.permissions.currentAuthority,
    otherAuthorities: request.permissions.authorities.filter((a) => a.id !== request.permissions.currentAuthority?.id),
    navigation: user ? navigationFor(request.permissions, path, options) : [],
    feedbackEmail: user?.feedbackEmail ?? null,
    holidaysRunOut: user && request.permissions.can('settings:manage') ? calendarWarning(options.calendarCoverage) : null,
    timeout: user ? { idleSeconds: IDLE_LIMIT_SECONDS, warningSeconds: WARNING_BEFORE_SECONDS } : null,
  }
}

/** The last day the bank holiday calendar covers, from six months before it (else null). */
function calendarWarning(coverage: (() => { lastDay: string; warn: boolean }) | undefined): string | null {
  const c = coverage?.()
  return c?.warn ? c.lastDay : null
}
