// Recording an incident: the task list, one question page per section (each saves the draft,
// "Save and continue"), "Check your answers" and sending it to the decision owner. Every form
// carries the version it showed, so a second person's save never silently overwrites the first.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import type { FormErrors } from '../../forms.js'
import type { FeatureOptions } from '../index.js'
import { abuseForm, awarenessForm, commentForm, incidentForm, readDates, safeguardingForm, versionSchema } from './schema.js'
import { answer, loadIncident } from './outcome.js'
import { answerCards, sectionValues } from './presenter.js'
import { items } from './labels.js'
import { decisionOwnerContact } from './contact.js'

type SectionName = 'awareness' | 'incident' | 'abuse' | 'safeguarding'
const PAGES: Readonly<Record<SectionName, { schema: z.ZodType<object>; dates: Readonly<Record<string, string>> }>> = {
  awareness: { schema: awarenessForm, dates: { awareDate: 'Date you became aware' } },
  incident: { schema: incidentForm, dates: { incidentDate: 'Date of incident' } },
  abuse: { schema: abuseForm, dates: {} },
  safeguarding: { schema: safeguardingForm, dates: {} },
}
const isSection = (s: string): s is SectionName => s in PAGES

/** The service's input from a question page's form, or the date errors to show. */
function readSection(section: SectionName, body: unknown): { input: object; dateErrors: Record<string, string> } {
  const page = PAGES[section]
  const dates = readDates(body, page.dates)
  const parsed = page.schema.safeParse(body ?? {})
  return { input: { ...(parsed.success ? parsed.data : {}), ...dates.values }, dateErrors: dates.errors }
}

export default async function recordRoutes(app: FastifyInstance, { services }: FeatureOptions): Promise<void> {
  const sectionPage = (reply: FastifyReply, section: SectionName, data: Record<string, unknown>, status?: number) =>
    reply.page(`incidents/views/section-${section}.njk`, { items, ...data }, status)
  const formBody = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>

  app.get('/incidents/new', { config: requires('incident:record') }, async (request, reply) =>
    sectionPage(reply, 'awareness', { values: {}, action: '/incidents/new', contact: await decisionOwnerContact(services, currentAuthorityId(request)) }),
  )

  app.post('/incidents/new', { config: requires('incident:record') }, async (request, reply) => {
    const { input, dateErrors } = readSection('awareness', request.body)
    const again = (errors: FormErrors, status: number) => sectionPage(reply, 'awareness', { ...errors, values: formBody(request), action: '/incidents/new' }, status)
    if (Object.keys(dateErrors).length > 0) return answer(reply, { ok: false, reason: 'invalid', errors: dateErrors }, { next: '', again, dates: ['awareDate'] })
    const result = await services.incidents.start(actorOf(request), currentAuthorityId(request), input)
    return answer(reply, result, { next: result.ok ? `/incidents/${result.id}/record` : '', again, dates: ['awareDate'] })
  })

  app.get<{ Params: { id: string } }>('/incidents/:id/record', { config: requires('incident:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    return reply.page('incidents/views/task-list.njk', { incident, contact: await decisionOwnerContact(services, incident.authorityId) })
  })

  app.get<{ Params: { id: string; section: string } }>('/incidents/:id/record/:section', { config: requires('incident:record') }, async (request, reply) => {
    const { section } = request.params
    if (!isSection(section)) throw notFound()
    const incident = await loadIncident(services, request, request.params.id)
    return sectionPage(reply, section, { incident, values: { ...sectionValues(incident.record)[section], version: incident.version } })
  })

  app.post<{ Params: { id: string; section: string } }>('/incidents/:id/record/:section', { config: requires('incident:record') }, async (request, reply) => {
    const { id, section } = request.params
    if (!isSection(section)) throw notFound()
    const incident = await loadIncident(services, request, id)
    const again = (errors: FormErrors, status: number, version?: number) =>
      sectionPage(reply, section, { ...errors, incident, values: { ...formBody(request), ...(version ? { version } : {}) } }, status)
    const dates = Object.keys(PAGES[section].dates)
    const version = versionSchema.safeParse(request.body)
    const { input, dateErrors } = readSection(section, request.body)
    if (!version.success || Object.keys(dateErrors).length > 0) return answer(reply, { ok: false, reason: 'invalid', errors: { ...dateErrors } }, { next: '', again, dates })
    const result = await services.incidents.saveSection(actorOf(request), id, version.data.version, section, input)
    return answer(reply, result, { next: `/incidents/${id}/record`, again, dates, current: async () => (await loadIncident(services, request, id)).version })
  })

  app.get<{ Params: { id: string } }>('/incidents/:id/check', { config: requires('incident:record') }, async (request, reply) => {
    const incident = await loadIncident(services, request, request.params.id)
    return reply.page('incidents/views/check.njk', { incident, cards: answerCards(incident, true), values: { version: incident.version } })
  })

  app.post<{ Params: { id: string } }>('/incidents/:id/submit', { config: requires('incident:record') }, async (request, reply) => {
    const { id } = request.params
    const incident = await loadIncident(services, request, id)
    const again = (errors: FormErrors, status: number, version?: number) =>
      reply.page('incidents/views/check.njk', { ...errors, incident, cards: answerCards(incident, true), values: { ...formBody(request), version: version ?? incident.version } }, status)
    const version = versionSchema.safeParse(request.body)
    const { comment } = commentForm.parse(request.body ?? {})
    if (!version.success) return answer(reply, { ok: false, reason: 'stale' }, { next: '', again })
    const result = await services.incidents.submit(actorOf(request), id, version.data.version, comment || undefined)
    return answer(reply, result, { next: `/incidents/${id}`, again, current: async () => incident.version })
  })
}
