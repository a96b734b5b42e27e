// The home page (what this role can do, in which authority) and switching authority, for
// people such as police leads who serve several partnerships.
import type { FastifyInstance } from 'fastify'
import { SIGNED_IN } from '../../plugins/access.js'
import { formErrors, parseForm } from '../../forms.js'
import { homeView } from './presenter.js'
import { switchAuthoritySchema } from './schema.js'

export default async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { config: { access: SIGNED_IN } }, async (request, reply) => reply.page('home/views/home.njk', homeView(request.permissions)))

  app.get('/switch-authority', { config: { access: SIGNED_IN } }, async (request, reply) =>
    reply.page('home/views/switch-authority.njk', { choices: request.permissions.authorities, chosen: request.permissions.currentAuthority?.id }),
  )

  app.post('/switch-authority', { config: { access: SIGNED_IN } }, async (request, reply) => {
    const parsed = parseForm(switchAuthoritySchema, request.body, { authorityId: 'authorityId' })
    const choices = request.permissions.authorities
    if (!parsed.ok || !request.permissions.mayWorkIn(parsed.data.authorityId)) {
      const errors = parsed.ok ? formErrors({ authorityId: 'Select the authority you want to work in' }) : parsed
      return reply.page('home/views/switch-authority.njk', { ...errors, choices }, 400)
    }
    request.session.authorityId = parsed.data.authorityId
    return reply.redirect('/', 303)
  })
}
