// The chronology (issue 5, item 7): every event on the case in date order as an MoJ timeline,
// and its export as CSV or PDF after the user says why (audited as chronology.exported).
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { forbidden, notFound } from '../../plugins/errors.js'
import { formErrors } from '../../forms.js'
import type { FeatureOptions } from '../index.js'
import { loadIncident } from '../incidents/outcome.js'
import { fields, param } from '../clocks/step-form.js'
import { justifyPage, sendFile } from '../notifications/routes.js'

const WHY = {
  title: 'Export the chronology',
  intro: 'The chronology holds personal information. Say why you are exporting it: this is recorded in the audit trail.',
  button: 'Export',
  formats: true,
}

/** A legal day ("2026-11-20") has no time to show; an instant is shown with its time. */
const isDay = (at: string) => /^\d{4}-\d{2}-\d{2}$/.test(at)

export default async function chronologyRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  app.get('/incidents/:id/chronology', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const chronology = await services.chronology.chronology(actorOf(request), incident.id)
    if (!chronology.ok) throw notFound()
    const items = [...chronology.events].reverse().map((e) => ({
      label: { text: e.what }, text: e.detail || undefined, byline: e.who ? { text: e.who } : undefined,
      datetime: { timestamp: isDay(e.at) ? `${e.at}T12:00:00Z` : e.at, type: isDay(e.at) ? 'date' : 'datetime' },
    }))
    return reply.page('chronology/views/chronology.njk', { incident, items })
  })

  app.get('/incidents/:id/chronology/export', { config: requires('case:view') }, async (request, reply) => justifyPage(reply, { incident: await loadIncident(services, request, param(request, 'id')), ...WHY }))

  app.post('/incidents/:id/chronology/export', { config: requires('case:view') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const form = fields(request)
    const justification = form['justification'] ?? ''
    const actor = actorOf(request)
    const result = form['format'] === 'csv' ? await services.chronology.chronologyCsv(actor, incident.id, justification) : await services.chronology.chronologyPdf(actor, incident.id, justification)
    if (result.ok) return 'csv' in result ? sendFile(reply, { filename: result.filename, type: 'text/csv; charset=utf-8', body: result.csv }) : sendFile(reply, { filename: result.filename, type: 'application/pdf', body: result.pdf })
    if (result.reason === 'invalid') return justifyPage(reply, { incident, ...WHY, values: form, ...formErrors(result.errors) }, 400)
    throw result.reason === 'forbidden' ? forbidden() : notFound()
  })
}
