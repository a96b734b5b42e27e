// Admins link a user to their identity at an OpenID provider (issuer and subject), and remove
// links, from the user's settings. Only users of the admin's current authority; anyone else 404.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors, text } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'

type UserParams = { Params: { userId: string } }
const VIEW = 'single-sign-on/views/identities.njk'

export default async function identitySettingsRoutes(app: FastifyInstance, { services, signIn }: FeatureOptions): Promise<void> {
  const issuers = (signIn?.providers ?? []).map((p) => ({ name: p.name, issuer: p.issuer }))
  const member = async (request: FastifyRequest<UserParams>) => {
    const result = await services.users.listForAuthority(actorOf(request), currentAuthorityId(request))
    const found = result.ok ? result.users.find((u) => u.id === request.params.userId) : undefined
    if (!found) throw notFound()
    return found
  }
  const page = async (request: FastifyRequest<UserParams>, extra: object = {}) => {
    const found = await member(request)
    return { member: found, identities: await services.singleSignOn.identitiesOf(found.id), issuers, values: {}, ...extra }
  }

  app.get<UserParams>('/settings/users/:userId/single-sign-on', { config: requires('users:manage') }, async (request, reply) => reply.page(VIEW, await page(request)))

  app.post<UserParams>('/settings/users/:userId/single-sign-on', { config: requires('users:manage') }, async (request, reply) => {
    const found = await member(request)
    const values = { issuer: text(request.body, 'issuer').trim(), subject: text(request.body, 'subject') }
    const result = await services.singleSignOn.link(actorOf(request), currentAuthorityId(request), found.id, values)
    if (result.ok) return reply.redirect(`/settings/users/${found.id}/single-sign-on`, 303)
    if (result.reason === 'invalid') return reply.page(VIEW, await page(request, { ...formErrors(result.errors), values }), 400)
    if (result.reason === 'already-linked') return reply.page(VIEW, await page(request, { ...formErrors({ subject: 'This identity is already linked to a user' }), values }), 400)
    throw notFound()
  })

  app.post<UserParams & { Params: { identityId: string } }>('/settings/users/:userId/single-sign-on/:identityId/remove', { config: requires('users:manage') }, async (request, reply) => {
    const found = await member(request)
    const result = await services.singleSignOn.unlink(actorOf(request), currentAuthorityId(request), found.id, request.params.identityId)
    if (!result.ok) throw notFound()
    return reply.redirect(`/settings/users/${found.id}/single-sign-on`, 303)
  })
}
