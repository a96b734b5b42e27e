// Learning and actions (issue 5, item 5): from the rapid review or the practice review, each
// owned by an agency and a person, single- or multi-agency, with a due date, a status and the
// evidence of completion. Overdue is computed, never stored.
import { caseProgressRepository, type LearningActionRow } from '../data/repositories/case-progress.js'
import { actionStatusOn, AGENCIES, ACTION_STATUSES, type ActionShownStatus, type ActionStatus, type Agency } from '../domain/after-decision/index.js'
import { CalendarDay } from '../domain/calendar/index.js'
import { inTransaction, type Actor } from './context.js'
import { caseStep, fail, isDay, readCase, text, type CaseStepResult, type Errors } from './case-steps.js'
import { londonDay, type IncidentDeps, type LoadRefusal } from './incident-access.js'

export interface ActionInput {
  readonly source: 'rapid_review' | 'practice_review'
  readonly description: string
  readonly agencies: readonly Agency[]
  readonly ownerAgency: Agency
  readonly ownerPerson: string
  readonly dueOn: string
}

export interface ActionView extends LearningActionRow {
  readonly agencyList: readonly Agency[]
  readonly shownStatus: ActionShownStatus
  readonly multiAgency: boolean
}

export function learningActionService(deps: IncidentDeps) {
  return {
    list(actor: Actor, incidentId: string): Promise<{ ok: true; actions: ActionView[] } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const read = await readCase(work, actor, incidentId, 'actions')
        if ('ok' in read) return read
        const today = londonDay(work.now)
        const rows = await caseProgressRepository(work.trx).actions(incidentId)
        return {
          ok: true,
          actions: rows.map((row) => {
            const agencyList = JSON.parse(row.agencies) as Agency[]
            return { ...row, agencyList, multiAgency: agencyList.length > 1, shownStatus: actionStatusOn(row.status, CalendarDay.parse(row.due_on), today) }
          }),
        }
      })
    },

    add(actor: Actor, incidentId: string, version: number, input: ActionInput): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'manage_actions', permission: 'action:manage', detail: 'action added' }, async (work, stored, progress) => {
        const errors: Errors = {}
        if (input.source !== 'rapid_review' && input.source !== 'practice_review') errors.source = 'Select where the action comes from'
        if (!text(input.description)) errors.description = 'Enter the action'
        if (input.agencies.length === 0 || !input.agencies.every((a) => AGENCIES.includes(a))) errors.agencies = 'Select the agencies the action is for'
        if (!AGENCIES.includes(input.ownerAgency)) errors.ownerAgency = 'Select the owning agency'
        if (!text(input.ownerPerson)) errors.ownerPerson = 'Enter who owns the action'
        if (!isDay(input.dueOn)) errors.dueOn = 'Enter the due date'
        if (Object.keys(errors).length > 0) return errors
        const at = work.now.toISOString()
        await caseProgressRepository(work.trx).addAction({
          incident_id: incidentId, authority_id: stored.authorityId, source: input.source, description: text(input.description), agencies: JSON.stringify([...new Set(input.agencies)]), owner_agency: input.ownerAgency,
          owner_person: text(input.ownerPerson), due_on: input.dueOn, status: 'open', evidence: null, completed_on: null, created_at: at, updated_at: at,
        })
        return progress
      })
    },

    /** Moves an action on; completing it needs the evidence and the date. */
    update(actor: Actor, incidentId: string, version: number, actionId: string, input: { status: ActionStatus; evidence?: string; completedOn?: string }): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'manage_actions', permission: 'action:manage', detail: `action ${input.status}` }, async (work, _stored, progress) => {
        if (!ACTION_STATUSES.includes(input.status)) return fail('status', 'Select the status')
        const complete = input.status === 'complete'
        if (complete && !text(input.evidence)) return fail('evidence', 'Enter the evidence of completion')
        if (complete && !isDay(input.completedOn)) return fail('completedOn', 'Enter the date it was completed')
        const change = { status: input.status, evidence: complete ? text(input.evidence) : null, completed_on: complete ? (input.completedOn ?? null) : null }
        return (await caseProgressRepository(work.trx).updateAction(incidentId, actionId, change, work.now.toISOString())) ? progress : fail('actionId', 'Select an action from this case')
      })
    },
  }
}
