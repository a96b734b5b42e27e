// GOV.UK error pages. 404 for anything missing or not the user's (another authority's record
// answers exactly like a missing one); 403 "You do not have access"; 400 for requests we cannot
// read; 500 with no stack trace or SQL in production (ASVS 16.5.1), logged with the request id.
import fp from 'fastify-plugin'
import { NOT_FOUND_LIMIT } from './rate-limits.js'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message)
  }
}

export const forbidden = () => new HttpError(403, 'Forbidden')
export const notFound = () => new HttpError(404, 'Not found')

export interface ErrorsOptions {
  readonly production: boolean
  /** Audits a form refused for its CSRF token (ASVS 16.3.3). */
  readonly recordCsrfRefusal?: (request: FastifyRequest) => Promise<void>
}

const TEMPLATES: Record<number, string> = {
  400: 'errors/400.njk',
  403: 'errors/403.njk',
  404: 'errors/404.njk',
  429: 'errors/429.njk',
}

function isCsrfError(error: FastifyError): boolean {
  return typeof error.code === 'string' && error.code.startsWith('FST_CSRF_')
}

async function errors(app: FastifyInstance, options: ErrorsOptions): Promise<void> {
  const render = (reply: FastifyReply, status: number, data: Record<string, unknown> = {}) =>
    reply.page(TEMPLATES[status] ?? 'errors/500.njk', data, status)

  // PostgreSQL refuses text holding NUL where SQLite would store it, so a page whose path names a
  // record with one would fail there (500): such a path names no record. The API says which field
  // instead (features/api/http.ts).
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/')) return
    const params = (request.params ?? {}) as Record<string, unknown>
    if (Object.values(params).some((value) => typeof value === 'string' && value.includes('\u0000'))) throw notFound()
  })

  // Rate-limited, so the not-found page cannot be used to probe for URLs at speed.
  app.setNotFoundHandler({ preHandler: app.rateLimit(NOT_FOUND_LIMIT) }, (_request, reply) => render(reply, 404))

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500
    // Signing out of a session that has already ended: there is nothing to protect, so say so.
    if (isCsrfError(error) && request.url === '/sign-out' && !request.user) return reply.redirect('/signed-out', 303)
    if (isCsrfError(error)) {
      request.log.warn({ code: error.code }, 'CSRF token refused')
      // The refusal stands even if the audit write fails; the failure is logged.
      const audited = options.recordCsrfRefusal?.(request).catch((err: unknown) => request.log.error({ err }, 'CSRF refusal not audited'))
      return Promise.resolve(audited).then(() => render(reply, 403, { formExpired: true }))
    }
    if (status === 429) return render(reply, 429)
    if (status >= 400 && status < 500) {
      request.log.info({ statusCode: status, code: error.code }, error.message)
      return render(reply, TEMPLATES[status] ? status : 400)
    }
    request.log.error({ err: error }, 'Unexpected error')
    return render(reply, 500, options.production ? {} : { detail: error.stack ?? error.message })
  })
}

export default fp(errors, { name: 'errors', dependencies: ['views', 'rate-limits'] })
