// How the API answers: JSON errors always ({ error: { status, message, fields? } }, naming the
// field), the services' refusals as HTTP statuses, and the case's ETag for optimistic locking.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

export interface FieldError {
  readonly field: string
  readonly message: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: readonly FieldError[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}

/** The one error shape, also in the OpenAPI document. */
export const errorSchema = z
  .object({
    error: z.object({
      status: z.number().int().describe('The HTTP status'),
      message: z.string().describe('What went wrong, in plain English'),
      fields: z.array(z.object({ field: z.string().describe('The field, as a dotted path: child.dateOfBirth'), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' })

export const REALM = 'Bearer realm="sin-api"'

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value)
  const body = { error: { status: error.status, message: error.message, ...(error.fields?.length ? { fields: error.fields } : {}) } }
  return reply.code(error.status).type('application/json; charset=utf-8').send(body)
}

/** The longest path segment (id) the router and the API take: a notification for many children has a long id. */
export const MAX_PATH_SEGMENT = 2000

/**
 * Fastify's own refusals before routing (a malformed URL, a path segment longer than the router
 * takes): no hook runs for them, so this gives them the one error shape and nosniff itself.
 */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : error.code === 'FST_ERR_BAD_URL' ? 400 : (error.statusCode ?? 500)
  const message = status === 414 ? 'A part of the address is too long' : status === 400 ? 'The address is not a valid URL' : 'Something went wrong'
  void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store')
  void sendError(reply, new ApiError(status, message, [{ field: 'path', message }]))
}

export const invalid = (errors: Readonly<Record<string, string>>, message = 'The request has problems: see fields'): ApiError =>
  new ApiError(400, message, Object.entries(errors).map(([field, text]) => ({ field: field === '(form)' ? 'body' : field, message: text })))

export const notFound = (): ApiError => new ApiError(404, 'Not found')

/**
 * Where a string or key holds U+0000, as a dotted path. PostgreSQL cannot store it in text (a
 * query naming it fails), so it is refused here, and SQLite and PostgreSQL answer alike. Walked
 * without recursion, as a body may nest as deep as its size allows.
 */
function nulAt(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']]
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, path] = next
    if (typeof item === 'string' && item.includes('\u0000')) return path
    if (!item || typeof item !== 'object') continue
    for (const [key, child] of Object.entries(item)) {
      const at = path ? `${path}.${key}` : key
      if (key.includes('\u0000')) return at
      stack.push([child, at])
    }
  }
  return undefined
}

/** Checks a part of the request against its schema; problems name the field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'path'): z.output<T> {
  const nul = nulAt(value)
  if (nul !== undefined) throw new ApiError(400, `The request ${where} has problems: see fields`, [{ field: nul || where, message: 'Text must not contain the NUL character (U+0000)' }])
  const parsed = schema.safeParse(value ?? {})
  if (parsed.success) return parsed.data
  const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || where, message: issue.message }))
  throw new ApiError(400, `The request ${where} has problems: see fields`, fields)
}

/** A service's refusal as an API error. Another authority's record is 'not-found', exactly like a missing one. */
export function refusal(result: { readonly reason: string; readonly errors?: Readonly<Record<string, string>>; readonly message?: string }): ApiError {
  switch (result.reason) {
    case 'invalid':
      return invalid(result.errors ?? {})
    case 'not-found':
      return notFound()
    case 'forbidden':
      return new ApiError(403, 'This token may not do that')
    case 'stale':
      return new ApiError(412, 'The case has changed since your If-Match ETag: read it again and retry')
    case 'not-allowed':
      return new ApiError(409, result.message ?? 'That step cannot be taken at this stage of the case')
    default:
      return new ApiError(409, result.reason)
  }
}

/** The case's ETag: every change to a case (or its review, notifications, actions) moves its version. */
export const etagOf = (version: number): string => `"v${version}"`

/** The version named by If-Match: 428 without one, 412 when it names no version we could have sent. */
export function versionFrom(request: FastifyRequest): number {
  const header = request.headers['if-match']
  if (header === undefined || header === '') throw new ApiError(428, 'Send If-Match with the case’s ETag (from GET); updates without it are refused', [{ field: 'If-Match', message: 'Send the ETag you last read' }])
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim())
  if (!match) throw new ApiError(412, 'If-Match does not match the case’s current ETag', [{ field: 'If-Match', message: 'Send the ETag exactly as GET returned it' }])
  return Number(match[1])
}
