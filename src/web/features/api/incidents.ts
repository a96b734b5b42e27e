// Incidents over the API: list (paginated), read (with its ETag), create, update the record's
// sections, add a child, and send it to the decision owner. The same services as the pages.
import { z } from 'zod'
import { STATUSES } from '../../../domain/lifecycle/index.js'
import { childSchema, SECTION_SCHEMAS } from '../../../services/incident-input.js'
import type { Services } from '../../../services/index.js'
import { route, type ApiRoute } from './define.js'
import { MAX_PATH_SEGMENT, refusal } from './http.js'

export const id = z.string().min(1).max(MAX_PATH_SEGMENT)
export const incidentParams = z.object({ incidentId: id.describe('The incident’s id (from the list or from creating it)') })
export const caseVersion = z.object({ version: z.number().int().describe('The case’s version; its ETag is "v" + version') })

const sections = z.object({
  awareness: SECTION_SCHEMAS.awareness.optional(),
  incident: SECTION_SCHEMAS.incident.optional(),
  abuse: SECTION_SCHEMAS.abuse.optional(),
  safeguarding: SECTION_SCHEMAS.safeguarding.optional(),
})

const summary = z.object({ id: z.string(), reference: z.string(), status: z.enum(STATUSES), awareDate: z.string().nullable(), childCount: z.number(), updatedAt: z.string(), deadline: z.string().nullable() })
const page = z
  .object({
    items: z.array(summary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    links: z.object({ self: z.string(), first: z.string(), next: z.string().optional(), prev: z.string().optional() }),
  })
  .meta({ id: 'IncidentPage' })
const incident = z.looseObject({ id: z.string(), reference: z.string(), status: z.enum(STATUSES), version: z.number(), record: z.looseObject({}), missing: z.array(z.looseObject({})), history: z.array(z.looseObject({})) }).meta({ id: 'Incident' })

const listQuery = z.object({
  page: z.coerce.number({ message: 'page must be a whole number from 1' }).int({ message: 'page must be a whole number from 1' }).min(1, { message: 'page must be a whole number from 1' }).default(1),
  pageSize: z.coerce.number({ message: 'pageSize must be a whole number from 1 to 100' }).int({ message: 'pageSize must be a whole number from 1 to 100' }).min(1, { message: 'pageSize must be a whole number from 1 to 100' }).max(100, { message: 'pageSize must be a whole number from 1 to 100' }).default(25),
  status: z.enum(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` }).optional(),
})

const link = (query: z.output<typeof listQuery>, page: number) => `/api/v1/incidents?${new URLSearchParams({ page: String(page), pageSize: String(query.pageSize), ...(query.status ? { status: query.status } : {}) }).toString()}`

export function incidentRoutes(services: Services): ApiRoute[] {
  const read = async (actor: Parameters<Services['incidents']['getIncident']>[0], incidentId: string) => {
    const found = await services.incidents.getIncident(actor, incidentId)
    if (!found.ok) throw refusal(found)
    return found.incident
  }
  return [
    route({
      method: 'GET', url: '/incidents', tag: 'Incidents', summary: 'List the authority’s incidents, newest change first',
      description: 'Paginated with page and pageSize (at most 100); `links.next` and `links.prev` give the neighbouring pages.',
      access: { scope: 'read', action: 'case:view' }, query: listQuery, response: page, errors: [400],
      handler: async ({ actor, query }) => {
        const listed = await services.incidents.listIncidents(actor)
        if (!listed.ok) throw refusal(listed)
        const all = query.status ? listed.incidents.filter((i) => i.status === query.status) : listed.incidents
        const last = Math.max(1, Math.ceil(all.length / query.pageSize))
        const items = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
        const links = { self: link(query, query.page), first: link(query, 1), ...(query.page < last ? { next: link(query, query.page + 1) } : {}), ...(query.page > 1 ? { prev: link(query, Math.min(query.page - 1, last)) } : {}) }
        return { body: { items, total: all.length, page: query.page, pageSize: query.pageSize, links } }
      },
    }),
    route({
      method: 'GET', url: '/incidents/:incidentId', tag: 'Incidents', summary: 'Read an incident (the read is audited); its ETag is for updates',
      access: { scope: 'read', action: 'case:view' }, params: incidentParams, response: incident, errors: [404],
      handler: async ({ actor, params }) => {
        const found = await read(actor, params.incidentId)
        return { body: found, version: found.version }
      },
    }),
    route({
      method: 'POST', url: '/incidents', tag: 'Incidents', summary: 'Start recording an incident (a draft) with how the authority became aware',
      access: { scope: 'write', action: 'incident:record' }, body: z.object({ awareness: SECTION_SCHEMAS.awareness }), successStatus: 201,
      response: z.object({ id: z.string(), reference: z.string(), version: z.number() }), errors: [400],
      handler: async ({ actor, authorityId, body }) => {
        const started = await services.incidents.start(actor, authorityId, body.awareness)
        if (!started.ok) throw refusal(started)
        return { body: { id: started.id, reference: started.reference, version: started.version }, version: started.version, headers: { location: `/api/v1/incidents/${started.id}` } }
      },
    }),
    route({
      method: 'PATCH', url: '/incidents/:incidentId', tag: 'Incidents', summary: 'Replace one or more sections of the record',
      description: 'Each section given replaces that section’s answers; all are saved together or none is. Needs If-Match.',
      access: { scope: 'write', action: 'incident:record' }, params: incidentParams, body: sections, ifMatch: true, response: caseVersion, errors: [400, 404, 409, 412, 428],
      handler: async ({ actor, params, body, version }) => {
        const saved = await services.incidents.saveSections(actor, params.incidentId, version, body)
        if (!saved.ok) throw refusal(saved)
        return { body: { version: saved.version }, version: saved.version }
      },
    }),
    route({
      method: 'POST', url: '/incidents/:incidentId/children', tag: 'Incidents', summary: 'Add a child to the incident',
      access: { scope: 'write', action: 'incident:record' }, params: incidentParams, body: childSchema, ifMatch: true, successStatus: 201,
      response: caseVersion.extend({ childId: z.string() }), errors: [400, 404, 409, 412, 428],
      handler: async ({ actor, params, request, version }) => {
        // The service parses the child itself; the body is checked here only for its shape.
        const added = await services.incidents.addChild(actor, params.incidentId, version, request.body)
        if (!added.ok) throw refusal(added)
        return { body: { version: added.version, childId: added.childId }, version: added.version }
      },
    }),
    route({
      method: 'PUT', url: '/incidents/:incidentId/children/:childId', tag: 'Incidents', summary: 'Replace a child’s details',
      access: { scope: 'write', action: 'incident:record' }, params: incidentParams.extend({ childId: id }), body: childSchema, ifMatch: true,
      response: caseVersion, errors: [400, 404, 409, 412, 428],
      handler: async ({ actor, params, request, version }) => {
        const saved = await services.incidents.saveChild(actor, params.incidentId, version, params.childId, request.body)
        if (!saved.ok) throw refusal(saved)
        return { body: { version: saved.version }, version: saved.version }
      },
    }),
    route({
      method: 'POST', url: '/incidents/:incidentId/submission', tag: 'Incidents', summary: 'Send the completed record to the decision owner for a discussion',
      description: 'Refused with the missing answers as fields while the record is incomplete.',
      access: { scope: 'write', action: 'incident:record' }, params: incidentParams, body: z.object({ comment: z.string().max(5000).optional() }), ifMatch: true,
      response: caseVersion, errors: [400, 404, 409, 412, 428],
      handler: async ({ actor, params, body, version }) => {
        const sent = await services.incidents.submit(actor, params.incidentId, version, body.comment)
        if (!sent.ok) throw refusal(sent)
        return { body: { version: sent.version }, version: sent.version }
      },
    }),
  ]
}

