// The authority's users: list (auditors and admins), add with a role, change role, disable and
// enable (admins). Disabling ends the user's sessions at once (the service deletes them). A user
// who is not a member of the admin's current authority answers 404, like one who does not exist.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors, parseForm } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { forbidden, notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { roleItems, roleName } from './presenter.js'
import { newUserSchema, roleSchema } from './schema.js'

type UserParams = { Params: { userId: string } }

export default async function usersRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  const members = async (request: FastifyRequest) => {
    const result = await services.users.listForAuthority(actorOf(request), currentAuthorityId(request))
    if (!result.ok) throw notFound()
    return result.users
  }
  const member = async (request: FastifyRequest<UserParams>) => {
    const found = (await members(request)).find((u) => u.id === request.params.userId)
    if (!found) throw notFound()
    return found
  }

  app.get('/settings/users', { config: requires('users:view') }, async (request, reply) => {
    const users = (await members(request)).map((u) => ({ ...u, roleName: roleName(u.role) }))
    return reply.page('settings/views/users.njk', { users, canManage: request.permissions.can('users:manage') })
  })

  app.get('/settings/users/new', { config: requires('users:manage') }, async (_request, reply) =>
    reply.page('settings/views/new-user.njk', { values: {}, roles: roleItems() }),
  )

  app.post('/settings/users/new', { config: requires('users:manage') }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const values = { name: body.name, email: body.email }
    const again = (errors: object, status = 400) => reply.page('settings/views/new-user.njk', { ...errors, values, roles: roleItems(String(body.role ?? '')) }, status)
    const parsed = parseForm(newUserSchema, body, { role: 'role' })
    if (!parsed.ok) return again(parsed)
    const result = await services.users.add(actorOf(request), { ...parsed.data, authorityId: currentAuthorityId(request) })
    if (result.ok) return reply.redirect('/settings/users', 303)
    if (result.reason === 'invalid') return again(formErrors(result.errors))
    if (result.reason === 'weak-password') return again(formErrors({ password: result.message }))
    if (result.reason === 'already-member') return again(formErrors({ email: 'This person already has a role in this authority. Change their role from the list of users' }))
    throw notFound()
  })

  app.get<UserParams>('/settings/users/:userId/role', { config: requires('users:manage') }, async (request, reply) => {
    const found = await member(request)
    return reply.page('settings/views/change-role.njk', { member: found, roles: roleItems(found.role) })
  })

  app.post<UserParams>('/settings/users/:userId/role', { config: requires('users:manage') }, async (request, reply) => {
    const found = await member(request)
    const parsed = parseForm(roleSchema, request.body, { role: 'role' })
    if (!parsed.ok) return reply.page('settings/views/change-role.njk', { ...parsed, member: found, roles: roleItems() }, 400)
    const result = await services.users.changeRole(actorOf(request), currentAuthorityId(request), found.id, parsed.data.role)
    if (!result.ok) throw notFound()
    return reply.redirect('/settings/users', 303)
  })

  for (const change of ['disable', 'enable'] as const) {
    app.post<UserParams>(`/settings/users/:userId/${change}`, { config: requires('users:manage') }, async (request, reply) => {
      const found = await member(request)
      // Admins cannot lock themselves out: another admin (or the operator) must do it.
      if (found.id === request.user?.id) throw forbidden()
      const result = await services.users[change](actorOf(request), currentAuthorityId(request), found.id)
      if (!result.ok) throw notFound()
      return reply.redirect('/settings/users', 303)
    })
  }
}
