// The rapid review (issue 5, item 3): information requests to agencies, meetings, immediate
// safeguarding actions, each partner's information and sign-off, the recommendation with the
// SI 2018/789 regulation 11 criteria, the date sent to the Panel and the Panel's response.
// The business unit runs it; partners add their own agency's information and sign-off only.
import { caseProgressRepository, type RapidReviewEntryRow } from '../data/repositories/case-progress.js'
import { CalendarDay } from '../domain/calendar/index.js'
import {
  RECOMMENDATIONS, REGULATION_11_CRITERIA, REGULATION_11_SOURCE, type Agency, type CaseProgress, type CriteriaChecklist, type CriterionId, type RapidReview, type Recommendation,
} from '../domain/after-decision/index.js'
import { inTransaction, type Actor, type UnitOfWork } from './context.js'
import { caseStep, fail, isDay, readCase, text, type CaseStepResult, type Errors } from './case-steps.js'
import { actorLabel, type IncidentDeps, type LoadRefusal } from './incident-access.js'
import { servingPartner } from './partner-views.js'

export interface RequestInput { readonly agency: Agency; readonly contact: string; readonly requestedOn: string; readonly workingDays: number }
export interface SendInput { readonly sentOn: string; readonly recommendation: Recommendation; readonly criteria: CriteriaChecklist; readonly reasons: string }

const AGENCY_ERROR = { agency: 'Select the agency' }
const isAgency = (value: unknown): value is Agency => value === 'authority' || value === 'police' || value === 'health'

export function rapidReviewService(deps: IncidentDeps) {
  /** An update by the business unit while the review runs: adds or amends an entry. */
  function update(actor: Actor, incidentId: string, version: number, detail: string, write: (work: UnitOfWork, progress: CaseProgress) => Promise<Errors | CaseProgress>): CaseStepResult {
    return caseStep(deps, actor, incidentId, version, { action: 'update_rapid_review', permission: 'review:manage', detail }, (work, _stored, progress) => write(work, progress))
  }
  const entry = (work: UnitOfWork, actor: Actor, incidentId: string, kind: RapidReviewEntryRow['kind'], agency: Agency | null, details: object) =>
    caseProgressRepository(work.trx).addEntry({ incident_id: incidentId, kind, agency, details: JSON.stringify(details), recorded_by: actorLabel(actor), recorded_at: work.now.toISOString() })

  return {
    /** The rapid review, its entries, and the regulation 11 criteria to show as a checklist. */
    view(actor: Actor, incidentId: string): Promise<{ ok: true; version: number; rapidReview: RapidReview | null; entries: RapidReviewEntryRow[]; criteria: typeof REGULATION_11_CRITERIA; criteriaSource: string } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const read = await readCase(work, actor, incidentId, 'rapid review')
        if ('ok' in read) return read
        const entries = await caseProgressRepository(work.trx).entries(incidentId)
        return { ok: true, version: read.stored.version, rapidReview: read.progress.rapidReview, entries, criteria: REGULATION_11_CRITERIA, criteriaSource: REGULATION_11_SOURCE }
      })
    },

    /** A request for an agency's information, due a number of working days after the request. */
    addRequest(actor: Actor, incidentId: string, version: number, input: RequestInput): CaseStepResult {
      return update(actor, incidentId, version, 'request', async (work, progress) => {
        const errors: Errors = {}
        if (!isAgency(input.agency)) Object.assign(errors, AGENCY_ERROR)
        if (!text(input.contact)) errors.contact = 'Enter who was asked'
        if (!isDay(input.requestedOn)) errors.requestedOn = 'Enter the date of the request'
        if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > 15) errors.workingDays = 'Enter a number of working days from 1 to 15'
        if (Object.keys(errors).length > 0) return errors
        const dueOn = deps.calendar.addWorkingDays(CalendarDay.parse(input.requestedOn), input.workingDays).toString()
        await entry(work, actor, incidentId, 'request', input.agency, { contact: text(input.contact), requestedOn: input.requestedOn, workingDays: input.workingDays, dueOn, receivedOn: null })
        return progress
      })
    },

    markReceived(actor: Actor, incidentId: string, version: number, entryId: string, receivedOn: string): CaseStepResult {
      return update(actor, incidentId, version, 'request received', async (work, progress) => {
        if (!isDay(receivedOn)) return fail('receivedOn', 'Enter the date the information was received')
        const repo = caseProgressRepository(work.trx)
        const found = (await repo.entries(incidentId)).find((e) => e.id === entryId && e.kind === 'request')
        if (!found) return fail('entryId', 'Select a request from this rapid review')
        await repo.updateEntryDetails(incidentId, entryId, JSON.stringify({ ...(JSON.parse(found.details) as object), receivedOn }), work.now.toISOString())
        return progress
      })
    },

    addMeeting(actor: Actor, incidentId: string, version: number, input: { heldOn: string; attendees: readonly string[] }): CaseStepResult {
      return update(actor, incidentId, version, 'meeting', async (work, progress) => {
        const attendees = input.attendees.map(text).filter(Boolean)
        if (!isDay(input.heldOn)) return fail('heldOn', 'Enter the date of the meeting')
        if (attendees.length === 0) return fail('attendees', 'Enter who attended')
        await entry(work, actor, incidentId, 'meeting', null, { heldOn: input.heldOn, attendees })
        return progress
      })
    },

    addSafeguardingAction(actor: Actor, incidentId: string, version: number, input: { agency: Agency; description: string }): CaseStepResult {
      return update(actor, incidentId, version, 'safeguarding action', async (work, progress) => {
        if (!isAgency(input.agency)) return AGENCY_ERROR
        if (!text(input.description)) return fail('description', 'Enter the immediate safeguarding action')
        await entry(work, actor, incidentId, 'safeguarding_action', input.agency, { description: text(input.description) })
        return progress
      })
    },

    /**
     * A partner adds their agency's information or signs off for it; the authority's sign-off is
     * the decision owner's or business unit's. The agency is the user's, never chosen.
     */
    contribute(actor: Actor, incidentId: string, version: number, input: { information?: string; signOff?: boolean }): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'contribute_rapid_review', permission: 'case:view' }, async (work, stored, progress) => {
        const partner = actor.kind === 'user' && actor.permissions.role === 'partner' ? await servingPartner(work, actor, stored.authorityId) : undefined
        if (actor.kind === 'user' && actor.permissions.role === 'partner' && !partner) return fail('agency', 'Your organisation does not serve this authority')
        const agency: Agency = partner?.kind ?? 'authority'
        if (!text(input.information) && !input.signOff) return fail('information', 'Enter your agency’s information or sign off')
        if (text(input.information)) await entry(work, actor, incidentId, 'agency_information', agency, { information: text(input.information) })
        if (input.signOff) await entry(work, actor, incidentId, 'sign_off', agency, { signedOffBy: actorLabel(actor) })
        return progress
      })
    },

    /** Sent to the Panel, with the recommendation and the regulation 11 checklist (each with reasons). */
    sendToPanel(actor: Actor, incidentId: string, version: number, input: SendInput): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'send_rapid_review', permission: 'review:manage', detail: input.recommendation }, async (work, _stored, progress) => {
        const errors: Errors = {}
        if (!isDay(input.sentOn)) errors.sentOn = 'Enter the date the rapid review was sent to the Panel'
        if (!RECOMMENDATIONS.includes(input.recommendation)) errors.recommendation = 'Select the recommendation'
        for (const c of REGULATION_11_CRITERIA) {
          const answer = input.criteria?.[c.id as CriterionId]
          if (!answer || typeof answer.met !== 'boolean' || !text(answer.reasons)) errors[`criteria.${c.id}`] = `Answer criterion (${c.id}) with your reasons`
        }
        if (!text(input.reasons)) errors.reasons = 'Enter the reasons for the recommendation'
        if (Object.keys(errors).length > 0 || !progress.rapidReview) return Object.keys(errors).length > 0 ? errors : fail('sentOn', 'The rapid review has not started')
        return { ...progress, rapidReview: { ...progress.rapidReview, sentOn: input.sentOn, recommendation: input.recommendation, criteria: input.criteria, recommendationReasons: text(input.reasons) } }
      })
    },

    recordPanelResponse(actor: Actor, incidentId: string, version: number, input: { receivedOn: string; agreed: boolean; comments: string }): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'record_panel_response', permission: 'review:manage' }, async (_work, _stored, progress) => {
        if (!isDay(input.receivedOn)) return fail('receivedOn', 'Enter the date of the Panel’s response')
        if (typeof input.agreed !== 'boolean') return fail('agreed', 'Select whether the Panel agreed')
        if (!progress.rapidReview) return fail('receivedOn', 'The rapid review has not started')
        return { ...progress, rapidReview: { ...progress.rapidReview, panelResponse: { receivedOn: input.receivedOn, agreed: input.agreed, comments: text(input.comments) } } }
      })
    },
  }
}
