// What every incident form does with a service's answer: on to the next page (303), or the same
// page again with the user's input: 400 with field errors, 409 when someone else saved first
// (the stale check) or the step is no longer open. Refusals answer 404 or 403 like any page.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { formErrors, type FormErrors } from '../../forms.js'
import { forbidden, notFound } from '../../plugins/errors.js'
import type { IncidentView } from '../../../services/incidents.js'
import type { WebServices } from '../../services.js'
import { actorOf } from '../../actor.js'

export const STALE =
  'Someone else changed this incident while you were working on it, so your answers have not been saved. Your answers are shown below: check them against the latest record and save again.'

export type ServiceAnswer =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'forbidden' | 'not-found' | 'stale' }
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly reason: 'not-allowed'; readonly message: string }

/** The page again: `errors` for the summary, and the version to save against next time. */
export type Again = (errors: FormErrors, status: number, version?: number) => FastifyReply | Promise<FastifyReply>

/** The incident, read (and audited) as this user; anything they may not see is "not found". */
export async function loadIncident(services: WebServices, request: FastifyRequest, id: string): Promise<IncidentView> {
  const result = await services.incidents.getIncident(actorOf(request), id)
  if (!result.ok) throw notFound()
  return result.incident
}

/** Date fields are shown as three inputs: their errors link to the day. */
export function fieldIds(errors: Readonly<Record<string, string>>, dates: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((f) => [f, dates.includes(f) ? `${f}-day` : f]))
}

export async function answer(
  reply: FastifyReply,
  result: ServiceAnswer,
  options: { next: string; again: Again; dates?: readonly string[]; current?: () => Promise<number> },
): Promise<FastifyReply> {
  if (result.ok) return reply.redirect(options.next, 303)
  switch (result.reason) {
    case 'invalid':
      return options.again(formErrors(result.errors, fieldIds(result.errors, options.dates)), 400)
    case 'stale':
      return options.again(formErrors({ form: STALE }), 409, options.current ? await options.current() : undefined)
    case 'not-allowed':
      return options.again(formErrors({ form: result.message }), 409)
    case 'forbidden':
      throw forbidden()
    default:
      throw notFound()
  }
}
