// The notifications a decision to notify owes (issue 5, items 1 and 2): the pack to complete the
// national form from (and its PDF), each shown only once the user says why (an audited
// disclosure, DPA 2018 s62); recording each as sent; the local partners informed; withdrawing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { forbidden, notFound } from '../../plugins/errors.js'
import { formErrors } from '../../forms.js'
import type { FeatureOptions } from '../index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { incidentForm } from '../incidents/deliberation-routes.js'
import { loadIncident } from '../incidents/outcome.js'
import { londonToday, longDate } from '../incidents/presenter.js'
import { commentForm } from '../incidents/schema.js'
import { clockRow } from '../clocks/presenter.js'
import { fields, londonInstant, param, readTime, withDates } from '../clocks/step-form.js'

type Services = FeatureOptions['services']

/** The service's only invalid answer for a pack (its type carries no field errors). */
const NEED_WHY = { justification: 'Enter why you need the notification pack' }

/** One notification owed on the case, with its clock as a page shows it; 404 if there is none. */
async function owedOne(services: Services, request: FastifyRequest, incident: IncidentView) {
  const owed = await services.notifications.owed(actorOf(request), incident.id)
  if (!owed.ok) throw notFound()
  const notification = owed.notifications.find((n) => n.id === param(request, 'nid'))
  if (!notification) throw notFound()
  return { ...notification, clockRow: notification.clock ? clockRow(notification.clock) : null }
}

/** The justification asked for before a disclosure or an export. */
export function justifyPage(reply: FastifyReply, data: { incident: IncidentView; title: string; intro: string; button: string; formats?: boolean; values?: object; errors?: object; errorList?: object }, status?: number) {
  return reply.page('notifications/views/justify.njk', { values: {}, ...data }, status)
}

export function sendFile(reply: FastifyReply, file: { filename: string; type: string; body: Buffer | string }) {
  return reply
    .header('content-type', file.type)
    .header('content-disposition', `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(file.body)
}

export default async function notificationRoutes(app: FastifyInstance, { services, now }: FeatureOptions): Promise<void> {
  const packPath = '/incidents/:id/notification/:nid'
  const why = (format: 'pack' | 'pdf') => ({
    title: format === 'pack' ? 'Why you need the notification pack' : 'Download the notification pack as a PDF',
    intro: 'The pack holds personal information about the children. Say why you need it: this is recorded in the audit trail.',
    button: format === 'pack' ? 'Show the notification pack' : 'Download as PDF',
  })

  for (const [path, format] of [[packPath, 'pack'], [`${packPath}/pdf`, 'pdf']] as const) {
    app.get(path, { config: requires('notification:submit') }, async (request, reply) => {
      const incident = await loadIncident(services, request, param(request, 'id'))
      await owedOne(services, request, incident)
      return justifyPage(reply, { incident, ...why(format) })
    })
  }

  app.post(packPath, { config: requires('notification:submit') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const notification = await owedOne(services, request, incident)
    const { justification = '' } = fields(request)
    const pack = await services.notifications.notificationPack(actorOf(request), incident.id, notification.id, justification)
    if (pack.ok) return reply.page('notifications/views/pack.njk', { incident, notification, sections: pack.sections, canRecord: incident.actions.includes('record_notification') && !notification.submission })
    if (pack.reason === 'invalid') return justifyPage(reply, { incident, ...why('pack'), values: { justification }, ...formErrors(NEED_WHY) }, 400)
    throw pack.reason === 'forbidden' ? forbidden() : notFound()
  })

  app.post(`${packPath}/pdf`, { config: requires('notification:submit') }, async (request, reply) => {
    const incident = await loadIncident(services, request, param(request, 'id'))
    const notification = await owedOne(services, request, incident)
    const { justification = '' } = fields(request)
    const pdf = await services.notifications.notificationPackPdf(actorOf(request), incident.id, notification.id, justification)
    if (pdf.ok) return sendFile(reply, { filename: pdf.filename, type: 'application/pdf', body: pdf.pdf })
    if (pdf.reason === 'invalid') return justifyPage(reply, { incident, ...why('pdf'), values: { justification }, ...formErrors(NEED_WHY) }, 400)
    throw pdf.reason === 'forbidden' ? forbidden() : notFound()
  })

  incidentForm(app, services, {
    path: 'notification/:nid/sent', access: 'notification:submit', step: 'record_notification', template: 'notifications/views/sent.njk', dates: ['sentOn'],
    data: async (incident, request) => {
      const notification = await owedOne(services, request, incident)
      const today = londonToday(now()).toString()
      return { notification, mayBeLate: notification.clock ? notification.clock.due < today : false, due: notification.clock ? longDate(notification.clock.due) : null }
    },
    save: (request, incident, version) =>
      withDates(request, { sentOn: 'Date sent' }, async ({ sentOn = '' }) => {
        const form = fields(request)
        const time = readTime(form['sentTime'] ?? '')
        if (sentOn && !time) return { ok: false, reason: 'invalid', errors: { sentTime: 'Enter the time sent, for example 9:30am or 14:30' } }
        const sentAt = sentOn && time ? londonInstant(sentOn, time) : ''
        const result = await services.notifications.recordSubmission(actorOf(request), incident.id, version, param(request, 'nid'), {
          sentAt, nationalReference: form['nationalReference'] ?? '', sentBy: form['sentBy'] ?? '', lateReason: form['lateReason'] || undefined,
        })
        // The service checks one instant; the page asks for a date and a time, so its error belongs to the date.
        if (result.ok || result.reason !== 'invalid') return result
        const { sentAt: whenError, ...others } = result.errors
        return { ...result, errors: whenError ? { sentOn: whenError, ...others } : others }
      }),
  })

  incidentForm(app, services, {
    path: 'partners-informed', access: 'notification:submit', step: 'record_partners_informed', template: 'notifications/views/partners-informed.njk', dates: ['informedOn'],
    save: (request, incident, version) => withDates(request, { informedOn: 'Date the partners were informed' }, ({ informedOn = '' }) => services.notifications.recordPartnersInformed(actorOf(request), incident.id, version, informedOn)),
  })

  incidentForm(app, services, {
    path: 'withdraw', access: 'notification:submit', step: 'withdraw_notification', template: 'incidents/views/comment.njk',
    data: () => ({ title: 'Withdraw the serious incident notification', commentLabel: 'Why the incident does not meet the criteria for a notification', hint: 'The rapid review stands down. Tell the Panel through the national form.', button: 'Withdraw the notification', required: true }),
    save: (request, incident, version) => services.notifications.withdraw(actorOf(request), incident.id, version, commentForm.parse(request.body ?? {}).comment),
  })
}
