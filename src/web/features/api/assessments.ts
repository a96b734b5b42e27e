// POST /api/v1/assessments: the body and answer of `sin assess` (../shared/contract/assessment.md),
// through the same validation (validateFacts) and engine (assess). Bad input answers 400 naming
// each field, where the command exits 2.
import { z } from 'zod'
import { OutsideCalendarError } from '../../../domain/calendar/index.js'
import { ABUSE_OR_NEGLECT, assess, LOCATIONS, OUTCOMES, validateFacts } from '../../../domain/notification/index.js'
import type { Services } from '../../../services/index.js'
import { route, type ApiRoute } from './define.js'
import { ApiError } from './http.js'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('YYYY-MM-DD')

/** The contract's input, for the document. Requests are checked by validateFacts, like the command's. */
export const assessmentInputSchema = z
  .object({
    awareDate: day.describe('The day this local authority became aware of the incident'),
    incidentDate: day.optional().describe('The day of the death or harm'),
    outcome: z.enum(OUTCOMES),
    abuseOrNeglect: z.enum(ABUSE_OR_NEGLECT),
    location: z.enum(LOCATIONS).describe('Wales, Scotland, Northern Ireland and abroad are all outside_england'),
    normallyResident: z.boolean(),
    child: z.object({ dateOfBirth: day.optional(), unborn: z.boolean().optional(), lookedAfter: z.boolean().optional(), careLeaver: z.boolean().optional() }).optional(),
  })
  .meta({ id: 'AssessmentInput' })

const notification = z.object({ kind: z.enum(['serious_incident', 'looked_after_child_death', 'care_leaver_death']), recipients: z.array(z.string()), due: day })
export const assessmentSchema = z
  .looseObject({
    decision: z.enum(['notify', 'judgement_required', 'other_authority', 'not_required']),
    notifications: z.array(notification),
    deadline: day,
    pendingJudgement: z.array(z.enum(['serious_harm', 'abuse_or_neglect'])),
    rapidReview: z.boolean(),
    otherAuthority: z.boolean(),
    reasons: z.array(z.object({ rule: z.string(), text: z.string() })),
  })
  .meta({ id: 'Assessment' })

export function assessmentRoutes(services: Services): ApiRoute[] {
  return [
    route({
      method: 'POST',
      url: '/assessments',
      tag: 'Assessments',
      summary: 'Assess which notifications an incident needs, by when, and why',
      description: 'Exactly the input and output of `sin assess` (the assessment contract). Nothing is stored.',
      access: { scope: 'read', action: 'case:view' },
      body: z.unknown(),
      documentedBody: assessmentInputSchema,
      response: assessmentSchema,
      errors: [400],
      handler: async ({ body }) => {
        const result = validateFacts(body)
        if (!result.ok) throw new ApiError(400, 'The facts have problems: see fields', result.problems.map((p) => ({ field: p.field, message: p.message })))
        try {
          return { body: assess(result.facts, services.calendar) }
        } catch (error) {
          if (error instanceof OutsideCalendarError) throw new ApiError(400, error.message, [{ field: 'awareDate', message: error.message }])
          throw error
        }
      },
    }),
  ]
}
