// The home page: the worklist for everyone who works on cases, what the role can do for the rest
// (admins); and switching authority, for people such as police leads who serve several partnerships.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { londonToday } from '../incidents/presenter.js'
import type { FeatureOptions } from '../index.js'
import { requires, SIGNED_IN } from '../../plugins/access.js'
import { formErrors, parseForm } from '../../forms.js'
import { homeView } from './presenter.js'
import { switchAuthoritySchema, worklistFiltersSchema, worklistSearchSchema } from './schema.js'
import { worklistView } from './worklist-presenter.js'

export default async function homeRoutes(app: FastifyInstance, { services, now }: FeatureOptions): Promise<void> {
  async function home(request: FastifyRequest, reply: FastifyReply, search: { term: string | null; errors?: object }) {
    if (!request.permissions.can('case:view')) return reply.page('home/views/home.njk', homeView(request.permissions))
    const work = await services.worklist.worklist(actorOf(request), { search: search.term !== null })
    if (!work.ok) return reply.page('home/views/home.njk', homeView(request.permissions))
    const filters = worklistFiltersSchema.parse(request.query ?? {})
    const view = worklistView(work.items, filters, londonToday(now()), services.calendar, search.term)
    return reply.page('home/views/worklist.njk', { ...homeView(request.permissions), ...view, ...search.errors }, search.errors ? 400 : 200)
  }

  app.get('/', { config: { access: SIGNED_IN } }, (request, reply) => home(request, reply, { term: null }))

  // The search is posted, so a child's name is never in a URL, a redirect or the request log;
  // the results are this response.
  app.post('/', { config: requires('case:view') }, (request, reply) => {
    const parsed = parseForm(worklistSearchSchema, request.body, { search: 'search' })
    return home(request, reply, parsed.ok ? { term: parsed.data.search } : { term: null, errors: parsed })
  })

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
