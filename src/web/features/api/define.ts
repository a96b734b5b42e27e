// One description per API route: Fastify registers it, and the OpenAPI document is generated from
// the same description (its zod schemas are the ones that check the request), so the two cannot
// drift apart. A test checks that every /api/v1 route in the router is in the document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Actor } from '../../../services/context.js'
import type { ApiAccess } from '../../plugins/access.js'
import { etagOf, parse, versionFrom } from './http.js'

type AnyObject = z.ZodObject
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT'

export interface ApiContext<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  readonly actor: Actor & { kind: 'user' }
  readonly authorityId: string
  readonly params: z.output<P>
  readonly query: z.output<Q>
  readonly body: z.output<B>
  /** The version from If-Match (routes with `ifMatch`); 0 otherwise. */
  readonly version: number
  readonly request: FastifyRequest
}

export interface ApiAnswer {
  readonly status?: number
  readonly body: unknown
  /** The case's version after the request, sent as ETag. */
  readonly version?: number
  readonly headers?: Readonly<Record<string, string>>
}

export interface ApiRoute<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType> {
  readonly method: Method
  /** Below /api/v1, in Fastify's form: /incidents/:incidentId */
  readonly url: string
  readonly summary: string
  readonly description?: string
  readonly tag: string
  readonly access: ApiAccess
  readonly params?: P
  readonly query?: Q
  readonly body?: B
  /** The body as documented, where the check is not a zod schema (the assessment's validateFacts). */
  readonly documentedBody?: z.ZodType
  /** What a success answers, for the document. */
  readonly response: z.ZodType
  readonly successStatus?: number
  /** Updates need the case's ETag in If-Match (428 without, 412 when stale). */
  readonly ifMatch?: boolean
  /** The errors this route can answer besides 401, 403, 429 (for the document). */
  readonly errors?: readonly number[]
  handler(context: ApiContext<P, Q, B>): Promise<ApiAnswer>
}

/** Keeps each route's own types while collecting them in one list. */
export function route<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(definition: ApiRoute<P, Q, B>): ApiRoute {
  return definition as unknown as ApiRoute
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The token's actor, set by the API's authentication for this route's access. */
    apiActor: (Actor & { kind: 'user' }) | null
    apiAuthorityId: string | null
  }
}

export function register(app: FastifyInstance, definition: ApiRoute): void {
  app.route({
    method: definition.method,
    url: definition.url,
    config: { access: definition.access },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = request.apiActor
      const authorityId = request.apiAuthorityId
      // The API's authentication hook runs first; without an actor nothing is answered.
      if (!actor || !authorityId) throw new Error('API route reached without a token actor')
      const context = {
        actor,
        authorityId,
        params: definition.params ? parse(definition.params, request.params, 'path') : {},
        query: definition.query ? parse(definition.query, request.query, 'query') : {},
        body: definition.body ? parse(definition.body, request.body, 'body') : undefined,
        version: definition.ifMatch ? versionFrom(request) : 0,
        request,
      }
      const answer = await definition.handler(context)
      if (answer.version !== undefined) void reply.header('etag', etagOf(answer.version))
      for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value)
      return reply.code(answer.status ?? definition.successStatus ?? 200).send(answer.body)
    },
  })
}
