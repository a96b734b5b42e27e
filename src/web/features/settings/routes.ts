// Authority settings: its details (code, name, decision owner, partnership) and its safeguarding
// partners. Auditors may read them; admins change them. Every change goes through the services,
// which audit it and check the version the form showed (a stale form keeps the user's input).
import type { FastifyInstance } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors, parseForm } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { authorityDetailsSchema, partnersSchema } from './schema.js'
import { authorityFormValues, authorityRows } from './presenter.js'
import usersRoutes from './users-routes.js'
import webhooksRoutes from './webhooks-routes.js'

const STALE = 'Someone else changed these settings while you were editing them. Check the details below, which are what you entered, and save again.'

export default async function settingsRoutes(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { services } = options
  const load = async (authorityId: string) => {
    const authority = await services.authorities.get(authorityId)
    if (!authority) throw notFound()
    return authority
  }

  app.get('/settings', { config: requires('settings:view') }, async (request, reply) => {
    const authorityId = currentAuthorityId(request)
    const [authority, partners] = await Promise.all([load(authorityId), services.partners.forAuthority(authorityId)])
    return reply.page('settings/views/settings.njk', { ...authorityRows(authority, partners), canManage: request.permissions.can('settings:manage') })
  })

  app.get('/settings/details', { config: requires('settings:manage') }, async (request, reply) => {
    const authority = await load(currentAuthorityId(request))
    return reply.page('settings/views/details.njk', { values: authorityFormValues(authority), code: authority.code })
  })

  app.post('/settings/details', { config: requires('settings:manage') }, async (request, reply) => {
    const authority = await load(currentAuthorityId(request))
    const values = { ...authorityFormValues(authority), ...(request.body as Record<string, unknown>) }
    const again = (errors: object, status: number) => reply.page('settings/views/details.njk', { ...errors, values, code: authority.code }, status)
    const parsed = parseForm(authorityDetailsSchema, request.body)
    if (!parsed.ok) return again(parsed, 400)
    const { version, ...input } = parsed.data
    const result = await services.authorities.updateSettings(actorOf(request), authority.id, version, input)
    if (result.ok) return reply.redirect('/settings', 303)
    if (result.reason === 'invalid') return again(formErrors(result.errors), 400)
    // Stale: show the user's input against the new version, so saving again is a choice they make.
    if (result.reason === 'stale') return again({ ...formErrors({ name: STALE }), values: { ...values, version: authority.version } }, 409)
    throw notFound()
  })

  app.get('/settings/partners', { config: requires('settings:manage') }, async (request, reply) => {
    const authorityId = currentAuthorityId(request)
    const [all, linked] = await Promise.all([services.partners.list(), services.partners.forAuthority(authorityId)])
    const values = Object.fromEntries(linked.map((p) => [p.kind, p.id]))
    return reply.page('settings/views/partners.njk', { all, values })
  })

  app.post('/settings/partners', { config: requires('settings:manage') }, async (request, reply) => {
    const authorityId = currentAuthorityId(request)
    const all = await services.partners.list()
    const parsed = parseForm(partnersSchema.refine((v) => all.some((p) => p.id === v.police && p.kind === 'police'), { path: ['police'], message: 'Select the police force' })
      .refine((v) => all.some((p) => p.id === v.health && p.kind === 'health'), { path: ['health'], message: 'Select the integrated care board' }), request.body)
    if (!parsed.ok) return reply.page('settings/views/partners.njk', { ...parsed, all, values: request.body ?? {} }, 400)
    for (const partnerId of [parsed.data.police, parsed.data.health]) {
      const result = await services.partners.link(actorOf(request), authorityId, partnerId)
      if (!result.ok) throw notFound()
    }
    return reply.redirect('/settings', 303)
  })

  await app.register(usersRoutes, options)
  await app.register(webhooksRoutes, options)
}
