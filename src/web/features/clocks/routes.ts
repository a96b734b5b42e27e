// Extending or pausing a clock (issue 5, item 6): the new due date, why, and who agreed it (for
// example the Panel). The case page shows the original due date beside the new one.
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../actor.js'
import { notFound } from '../../plugins/errors.js'
import type { FeatureOptions } from '../index.js'
import { incidentForm } from '../incidents/deliberation-routes.js'
import { clockRow } from './presenter.js'
import { fields, withDates } from './step-form.js'

export default async function clockRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  incidentForm(app, services, {
    access: 'case:view', path: 'clocks/extend', step: 'extend_clock', template: 'clocks/views/extend.njk', dates: ['newDue'],
    data: async (incident, request) => {
      const clocks = await services.clocks.clocks(actorOf(request), incident.id)
      if (!clocks.ok) throw notFound()
      return { running: clocks.clocks.map(clockRow).filter((c) => c.running) }
    },
    save: async (request, incident, version) => {
      const result = await withDates(request, { newDue: 'New due date' }, ({ newDue = '' }) => {
        const form = fields(request)
        return services.clocks.extendClock(actorOf(request), incident.id, version, { clockKey: form['clockKey'] ?? '', newDue, reason: form['reason'] ?? '', agreedBy: form['agreedBy'] ?? '' })
      })
      // The service names the reason `comment` (the history line's); the page's field is `reason`.
      if (result.ok || result.reason !== 'invalid' || !result.errors['comment']) return result
      return { ...result, errors: { reason: result.errors['comment'] } }
    },
  })
}
