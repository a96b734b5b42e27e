// The case after the record: decisions, notifications, the rapid review, the practice review,
// learning actions and clocks. Every change is a step on the case (the same services as the
// pages), so each needs the case's ETag in If-Match and answers the new one.
import { z } from 'zod'
import { ACTION_STATUSES, AGENCIES, RECOMMENDATIONS, REGULATION_11_CRITERIA } from '../../../domain/after-decision/index.js'
import type { ApiAccess } from '../../plugins/access.js'
import { decisionSchema } from '../../../services/decisions.js'
import type { Actor, Services } from '../../../services/index.js'
import { route, type ApiRoute } from './define.js'
import { refusal } from './http.js'
import { caseVersion, id, incidentParams } from './incidents.js'

type Done = { ok: true; version: number } | { ok: false; reason: string; errors?: Readonly<Record<string, string>>; message?: string }
type Read = { ok: true; version?: number } | { ok: false; reason: string }
type UserActor = Actor & { kind: 'user' }

const day = z.string().describe('YYYY-MM-DD')
const text = (max: number) => z.string().max(max)
const agency = z.enum(AGENCIES)
const anyResult = (name: string) => z.looseObject({}).describe(name)

const READ: ApiAccess = { scope: 'read', action: 'case:view' }
const write = (action: ApiAccess['action']): ApiAccess => ({ scope: 'write', action })

/** A read of part of a case: its answer, with the case's ETag when the service gives its version. */
function reading<P extends z.ZodObject, Q extends z.ZodObject>(
  url: string, tag: string, summary: string, response: z.ZodType, call: (actor: UserActor, params: z.output<P>, query: z.output<Q>) => Promise<Read>, params: P, query?: Q,
): ApiRoute {
  return route({
    method: 'GET', url, tag, summary, access: READ, params, ...(query ? { query } : {}), response, errors: [400, 404],
    handler: async (context) => {
      const result = await call(context.actor, context.params, context.query as z.output<Q>)
      if (!result.ok) throw refusal(result)
      const { ok: _ok, ...body } = result
      return { body, ...(result.version !== undefined ? { version: result.version } : {}) }
    },
  })
}

/** A step on a case: If-Match, the service, and the new version as the answer and ETag. */
function step<P extends z.ZodObject, B extends z.ZodType>(
  method: 'POST' | 'PATCH', url: string, tag: string, summary: string, access: ApiAccess, params: P, body: B, call: (actor: UserActor, params: z.output<P>, version: number, body: z.output<B>) => Promise<Done>,
): ApiRoute {
  return route({
    method, url, tag, summary, access, params, body, ifMatch: true, response: caseVersion, errors: [400, 404, 409, 412, 428],
    handler: async (context) => {
      const done = await call(context.actor, context.params, context.version, context.body)
      if (!done.ok) throw refusal(done)
      return { body: { version: done.version }, version: done.version }
    },
  })
}

const notificationParams = incidentParams.extend({ notificationId: id.describe('From the list of notifications owed, e.g. serious_incident:…') })
const actionParams = incidentParams.extend({ actionId: id })
const clockParams = incidentParams.extend({ clockKey: id.describe('From the case’s clocks, e.g. rapid_review') })
const criterion = z.object({ met: z.boolean(), reasons: text(5000) })
const submission = z.object({ sentAt: z.string().describe('ISO 8601 date and time it was sent'), nationalReference: text(200), sentBy: text(200), lateReason: text(5000).optional(), partnersInformedOn: day.optional() })
const actionInput = z.object({ source: z.enum(['rapid_review', 'practice_review']), description: text(5000), agencies: z.array(agency).min(1), ownerAgency: agency, ownerPerson: text(200), dueOn: day })
const practiceReviewInput = z.object({
  reviewer: text(200).optional(), commissionedOn: day.optional(), termsOfReference: text(10000).optional(),
  milestones: z.array(z.object({ name: text(200), dueOn: day, doneOn: day.nullable() })).optional(),
  plannedPublicationOn: day.optional(), finalReportSentOn: day.optional(), publishedOn: day.optional(), link: text(2000).optional(), notPublishedReason: text(5000).optional(), summaryPublished: text(5000).optional(),
})

export function caseStepRoutes(s: Services): ApiRoute[] {
  return [
    reading('/incidents/:incidentId/decisions', 'Decisions', 'The decisions on the case, newest last, and any liaison with another authority', anyResult('Decisions'), (a, p) => s.decisions.history(a, p.incidentId), incidentParams),
    step('POST', '/incidents/:incidentId/decisions', 'Decisions', 'Record the decision owner’s decision (notify, do not notify, or refer to another authority)', write('decision:record'), incidentParams, decisionSchema,
      (a, p, v, b) => s.decisions.recordDecision(a, p.incidentId, v, b)),

    reading('/incidents/:incidentId/notifications', 'Notifications', 'The notifications the decision owes, with recipients, deadlines and whether each was sent', anyResult('NotificationsOwed'), (a, p) => s.notifications.owed(a, p.incidentId), incidentParams),
    reading('/incidents/:incidentId/notifications/:notificationId/pack', 'Notifications', 'The notification pack: the facts in the national form’s order (audited with your justification)', anyResult('NotificationPack'),
      (a, p, q) => s.notifications.notificationPack(a, p.incidentId, p.notificationId, q.justification), notificationParams, z.object({ justification: z.string({ message: 'Enter why you need the pack' }).trim().min(1, { message: 'Enter why you need the pack' }).max(500) })),
    step('POST', '/incidents/:incidentId/notifications/:notificationId/submission', 'Notifications', 'Record a notification as sent (the serious incident notification starts the rapid review)', write('notification:submit'), notificationParams, submission,
      (a, p, v, b) => s.notifications.recordSubmission(a, p.incidentId, v, p.notificationId, b)),

    reading('/incidents/:incidentId/rapid-review', 'Rapid reviews', 'The rapid review: requests, meetings, sign-offs, the recommendation and the regulation 11 criteria', anyResult('RapidReview'), (a, p) => s.rapidReview.view(a, p.incidentId), incidentParams),
    step('POST', '/incidents/:incidentId/rapid-review/requests', 'Rapid reviews', 'Ask an agency for its information, due a number of working days later', write('review:manage'), incidentParams,
      z.object({ agency, contact: text(200), requestedOn: day, workingDays: z.number().int() }), (a, p, v, b) => s.rapidReview.addRequest(a, p.incidentId, v, b)),
    step('POST', '/incidents/:incidentId/rapid-review/sent', 'Rapid reviews', 'Record the rapid review as sent to the Panel, with the recommendation and each regulation 11 criterion', write('review:manage'), incidentParams,
      z.object({ sentOn: day, recommendation: z.enum(RECOMMENDATIONS), criteria: z.object(Object.fromEntries(REGULATION_11_CRITERIA.map((c) => [c.id, criterion])) as Record<'a' | 'b' | 'c' | 'd', typeof criterion>), reasons: text(10000) }),
      (a, p, v, b) => s.rapidReview.sendToPanel(a, p.incidentId, v, b)),
    step('POST', '/incidents/:incidentId/rapid-review/panel-response', 'Rapid reviews', 'Record the Panel’s response', write('review:manage'), incidentParams,
      z.object({ receivedOn: day, agreed: z.boolean(), comments: text(5000).default('') }), (a, p, v, b) => s.rapidReview.recordPanelResponse(a, p.incidentId, v, b)),

    reading('/incidents/:incidentId/practice-review', 'Practice reviews', 'The local child safeguarding practice review, if one is held', anyResult('PracticeReview'), (a, p) => s.practiceReview.view(a, p.incidentId), incidentParams),
    step('POST', '/incidents/:incidentId/practice-review', 'Practice reviews', 'Record the decision to hold a local child safeguarding practice review', write('review:manage'), incidentParams,
      z.object({ decidedOn: day }), (a, p, v, b) => s.practiceReview.commission(a, p.incidentId, v, b.decidedOn)),
    step('PATCH', '/incidents/:incidentId/practice-review', 'Practice reviews', 'Update the practice review: reviewer, terms of reference, milestones, publication', write('review:manage'), incidentParams,
      practiceReviewInput, (a, p, v, b) => s.practiceReview.update(a, p.incidentId, v, b)),

    reading('/incidents/:incidentId/actions', 'Actions', 'The learning actions on the case, with their status (overdue is computed)', anyResult('Actions'), (a, p) => s.learningActions.list(a, p.incidentId), incidentParams),
    step('POST', '/incidents/:incidentId/actions', 'Actions', 'Add a learning action', write('action:manage'), incidentParams, actionInput, (a, p, v, b) => s.learningActions.add(a, p.incidentId, v, b)),
    step('PATCH', '/incidents/:incidentId/actions/:actionId', 'Actions', 'Move an action on; completing it needs the evidence and the date', write('action:manage'), actionParams,
      z.object({ status: z.enum(ACTION_STATUSES), evidence: text(5000).optional(), completedOn: day.optional() }), (a, p, v, b) => s.learningActions.update(a, p.incidentId, v, p.actionId, b)),

    reading('/incidents/:incidentId/clocks', 'Clocks', 'Every clock on the case: start, due, any extension, state and days left', anyResult('CaseClocks'), (a, p) => s.clocks.clocks(a, p.incidentId), incidentParams),
    step('POST', '/incidents/:incidentId/clocks/:clockKey/extensions', 'Clocks', 'Extend or pause a running clock, with why and who agreed it', write('review:manage'), clockParams,
      z.object({ newDue: day, reason: text(5000), agreedBy: text(200) }), (a, p, v, b) => s.clocks.extendClock(a, p.incidentId, v, { clockKey: p.clockKey, ...b })),
    route({
      method: 'GET', url: '/clocks', tag: 'Clocks', summary: 'The running clocks of every case in the authority, soonest due first', access: READ, response: anyResult('RunningClocks'),
      handler: async ({ actor, authorityId }) => {
        const result = await s.clocks.runningClocks(actor, authorityId)
        if (!result.ok) throw refusal(result)
        return { body: { clocks: result.clocks } }
      },
    }),
  ]
}
