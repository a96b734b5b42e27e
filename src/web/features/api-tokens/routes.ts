// Settings > API tokens (issue 7): admins create a token for their authority (shown once, on the
// page that answers the form, never again), see the authority's tokens and revoke them. Auditors
// see the list. A token of another authority answers 404 like a missing one.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors, parseForm } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS } from '../../../services/api-tokens.js'
import type { FeatureOptions } from '../index.js'

const FORM = 'api-tokens/views/new.njk'
const IDS = { scopes: 'scopes' }

/** The form's strings to the service's input; the service checks the values themselves. */
const formSchema = z.object({
  name: z.string().default(''),
  scopes: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  expiresInDays: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, { message: `Days until it expires must be a whole number from 1 to ${MAX_EXPIRY_DAYS}` })
    .transform(Number),
})

const scopeItems = (chosen: readonly string[] = []) => [
  { value: 'read', text: 'Read', hint: { text: 'View cases, clocks and reports, and run assessments' }, checked: chosen.includes('read') },
  { value: 'write', text: 'Write', hint: { text: 'Record incidents, decisions, notifications, reviews and actions' }, checked: chosen.includes('write') },
]

function valuesOf(body: unknown): { name: string; scopes: string[]; expiresInDays: string } {
  const b = (body ?? {}) as Record<string, unknown>
  const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : typeof b.scopes === 'string' ? [b.scopes] : []
  return { name: typeof b.name === 'string' ? b.name : '', scopes, expiresInDays: typeof b.expiresInDays === 'string' ? b.expiresInDays : '' }
}

export default async function apiTokenRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  app.get('/settings/api-tokens', { config: requires('settings:view') }, async (request, reply) => {
    const result = await services.apiTokens.list(actorOf(request), currentAuthorityId(request))
    if (!result.ok) throw notFound()
    return reply.page('api-tokens/views/list.njk', { tokens: result.tokens, canManage: request.permissions.can('settings:manage'), now: services.now().toISOString() })
  })

  app.get('/settings/api-tokens/new', { config: requires('settings:manage') }, async (_request, reply) =>
    reply.page(FORM, { values: { name: '', expiresInDays: String(DEFAULT_EXPIRY_DAYS) }, scopes: scopeItems(['read']), maxDays: MAX_EXPIRY_DAYS }),
  )

  app.post('/settings/api-tokens/new', { config: requires('settings:manage') }, async (request, reply) => {
    const values = valuesOf(request.body)
    const again = (errors: object) => reply.page(FORM, { ...errors, values, scopes: scopeItems(values.scopes), maxDays: MAX_EXPIRY_DAYS }, 400)
    const parsed = parseForm(formSchema, request.body, IDS)
    if (!parsed.ok) return again(parsed)
    const result = await services.apiTokens.create(actorOf(request), currentAuthorityId(request), parsed.data as Parameters<typeof services.apiTokens.create>[2])
    if (result.ok) return reply.page('api-tokens/views/created.njk', { token: result.token, name: parsed.data.name.trim(), expiresAt: result.expiresAt })
    if (result.reason === 'invalid') return again(formErrors(Object.fromEntries(Object.entries(result.errors).map(([f, m]) => [f.split('.')[0] ?? f, m])), IDS))
    throw notFound()
  })

  app.post<{ Params: { tokenId: string } }>('/settings/api-tokens/:tokenId/revoke', { config: requires('settings:manage') }, async (request, reply) => {
    const result = await services.apiTokens.revoke(actorOf(request), currentAuthorityId(request), request.params.tokenId)
    if (!result.ok && result.reason !== 'already-revoked') throw notFound()
    return reply.redirect('/settings/api-tokens', 303)
  })
}
