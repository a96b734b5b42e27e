// pino JSON logs with request ids and nothing personal (ASVS 16.2.5, 7.1.1): requests are logged
// by method and path only (query strings may hold search terms), and cookies, authorisation
// headers and Set-Cookie are redacted wherever they might appear.
import type { FastifyServerOptions } from 'fastify'

interface LoggedRequest {
  method: string
  url: string
  id: string
}

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  'password',
]

export function loggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: LoggedRequest) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
    },
  }
}
