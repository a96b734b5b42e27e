// The OpenAPI 3.1 document, generated from the routes' own zod schemas (z.toJSONSchema), so the
// document describes exactly what the API checks. Schemas with an id become components.
import { z } from 'zod'
import type { ApiRoute } from './define.js'
import { errorSchema } from './http.js'

type Json = Record<string, unknown>

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: the fields name what is wrong',
  401: 'No bearer token, or one that is malformed, unknown, expired or revoked (see WWW-Authenticate)',
  403: 'The token does not have the scope this needs',
  404: 'No such record in the token’s authority (another authority’s records answer the same)',
  409: 'That step cannot be taken at this stage of the case',
  412: 'If-Match names a version of the case that is no longer current',
  428: 'If-Match is missing: read the case first and send its ETag',
  429: 'Too many requests for this token; wait as Retry-After says',
}

/** Converts one schema; its named parts go to `components` and are referred to there. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json
  const { $schema: _ignored, $defs, ...rest } = converted
  for (const [name, definition] of Object.entries(($defs ?? {}) as Json)) components[name] = retarget(definition)
  return retarget(rest) as Json
}

function retarget(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as unknown
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}')

function parameters(route: ApiRoute, components: Json): Json[] {
  const out: Json[] = []
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue
    const converted = toSchema(schema, 'input', components) as { properties?: Json; required?: string[] }
    for (const [name, property] of Object.entries(converted.properties ?? {})) {
      const description = (property as Json).description
      out.push({ name, in: where, required: where === 'path' || (converted.required ?? []).includes(name), schema: property, ...(description ? { description } : {}) })
    }
  }
  if (route.ifMatch) out.push({ name: 'If-Match', in: 'header', required: true, description: 'The case’s ETag, exactly as a GET returned it', schema: { type: 'string', examples: ['"v3"'] } })
  return out
}

function operation(route: ApiRoute, components: Json): Json {
  const body = route.documentedBody ?? route.body
  const errors = [...new Set([...(route.errors ?? []), 401, 403, 429])].sort()
  const etag = route.ifMatch || route.method === 'GET' ? { headers: { ETag: { description: 'The case’s version, for If-Match', schema: { type: 'string' } } } } : {}
  return {
    operationId: route.method.toLowerCase() + route.url.split(/[^A-Za-z0-9]+/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(''),
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    'x-access': route.access,
    security: [{ bearerAuth: [] }],
    parameters: parameters(route, components),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(body, 'input', components) } } } } : {}),
    responses: {
      [String(route.successStatus ?? 200)]: { description: 'Done', ...etag, content: { 'application/json': { schema: toSchema(route.response, 'output', components) } } },
      ...Object.fromEntries(errors.map((status) => [String(status), { $ref: `#/components/responses/E${status}` }])),
    },
  }
}

export function openApiDocument(routes: readonly ApiRoute[], serverUrl = '/api/v1'): Json {
  const components: Json = {}
  const paths: Record<string, Json> = {}
  for (const route of routes) {
    const path = openApiPath(route.url)
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, components) }
  }
  const error = toSchema(errorSchema, 'output', components)
  const statuses = Object.keys(ERROR_TEXT).map(Number)
  return {
    openapi: '3.1.0',
    info: {
      title: 'Serious incident notifications API',
      version: '1.0.0',
      description: 'Record and follow child safeguarding serious incidents from awareness to completed actions. Bearer tokens are created by an authority’s administrator (Settings > API tokens, or `sin token create`). A token reaches its own authority’s records only; read covers viewing cases and reports, write covers recording incidents, decisions, notifications, reviews and actions.',
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...components, ...(error.$ref ? {} : { Error: error }) },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer sin_… (scopes: read, write)' } },
      responses: Object.fromEntries(statuses.map((status) => [`E${status}`, { description: ERROR_TEXT[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }])),
    },
  }
}
