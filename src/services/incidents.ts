// Recording an incident (issue 4, item 1): start a draft, save each question page's section,
// add and change children, submit to the decision owner, read it (audited) and list incidents.
import { randomUUID } from 'node:crypto'
import { authoritiesRepository } from '../data/repositories/authorities.js'
import { incidentsRepository, type IncidentListRow, type StoredIncident } from '../data/repositories/incidents.js'
import type { IncidentEventRow } from '../data/schema.js'
import {
  checkAnswers, childDatesProblems, datesProblems, sectionStatuses, type ChildDetails, type IncidentRecord, type Missing, type SectionName, type SectionStatus,
} from '../domain/incident/index.js'
import { availableActions, NEEDS_DECISION_OWNER, STATUSES, type LifecycleAction, type Status } from '../domain/lifecycle/index.js'
import { NOTIFICATION_WORKING_DAYS } from '../domain/notification/index.js'
import { CalendarDay } from '../domain/calendar/index.js'
import { inTransaction, refuse, type Actor, type Refusal, type UnitOfWork } from './context.js'
import {
  actorUserId, hasErrors, invalidErrors, isRefusal, loadIncident, londonDay, stepRefused, takeStep, type ChangeRefusal, type IncidentDeps, type LoadRefusal,
} from './incident-access.js'
import { parseChild, parseSection, SECTION_SCHEMAS, type EditableSection, type SectionValues } from './incident-input.js'

export interface IncidentView extends StoredIncident {
  readonly sections: Record<SectionName, SectionStatus>
  /** What "Check your answers" lists before the record can be submitted. */
  readonly missing: readonly Missing[]
  /** The buttons this user may press now. */
  readonly actions: readonly LifecycleAction[]
  readonly history: readonly IncidentEventRow[]
}

export interface IncidentSummary extends IncidentListRow {
  /** The 5th working day after awareness (R3), when awareness is recorded. */
  readonly deadline: string | null
}

export type Saved = Promise<{ ok: true; version: number } | ChangeRefusal>

/** What a change to the record answers: field errors, or what to save and say in the audit entry. */
type Applied = { errors: Record<string, string> } | { detail: string; section?: EditableSection; value?: object }
const NO_SUCH_CHILD: Applied = { errors: { childId: 'Select a child from this incident' } }

const EMPTY: Omit<IncidentRecord, 'children' | 'awareness'> = { incident: {}, abuse: {}, safeguarding: {} }

/** Creates an incident with the next reference; shared by recording and by a partner raising one. */
export async function createIncident(
  work: UnitOfWork,
  actor: Actor,
  input: { authorityId: string; status: Status; awareness: SectionValues['awareness']; incident?: SectionValues['incident']; raisedByPartnerId: string | null },
): Promise<{ ok: true; id: string; reference: string } | Refusal<'not-found'>> {
  const authority = await authoritiesRepository(work.trx).findById(input.authorityId)
  if (!authority) return refuse('not-found')
  const incidents = incidentsRepository(work.trx)
  const id = randomUUID()
  const reference = await incidents.nextReference(authority.id, authority.code, work.now.getUTCFullYear())
  const record = { ...EMPTY, awareness: input.awareness, incident: input.incident ?? {} }
  await incidents.insert({ id, authorityId: authority.id, reference, status: input.status, record, raisedByPartnerId: input.raisedByPartnerId, createdBy: actorUserId(actor), now: work.now.toISOString() })
  await work.audit(actor, { action: input.raisedByPartnerId ? 'incident.raised' : 'incident.created', outcome: 'done', authorityId: authority.id, recordType: 'incident', recordId: id })
  return { ok: true, id, reference }
}

export function incidentService(deps: IncidentDeps) {
  /** Saves a change to the record after the date rules pass against what is stored. */
  function change(actor: Actor, incidentId: string, version: number, apply: (work: UnitOfWork, stored: StoredIncident) => Promise<Applied>): Saved {
    return inTransaction(deps, async (work) => {
      const stored = await loadIncident(work, actor, incidentId, 'incident:record')
      if (isRefusal(stored)) return stored
      if (stored.version !== version) return refuse('stale')
      // The table first: a record the lifecycle has locked must not gain, change or lose a child before the refusal.
      const refused = await stepRefused(work, actor, stored, 'update_record')
      if (refused) return refused
      const applied = await apply(work, stored)
      if ('errors' in applied) return invalidErrors(applied.errors)
      const { section, value } = applied
      const sectionChange = section && value ? { [section]: JSON.stringify(value), ...(section === 'awareness' ? { aware_date: (value as SectionValues['awareness']).awareDate ?? null } : {}) } : {}
      return takeStep(work, actor, stored, { action: 'update_record', version, change: sectionChange, detail: applied.detail })
    })
  }

  return {
    /** Starts a draft; the awareness page is usually the first answer. */
    start(actor: Actor, authorityId: string, awarenessInput: unknown = {}): Promise<{ ok: true; id: string; reference: string; version: number } | LoadRefusal | ReturnType<typeof invalidErrors>> {
      const parsed = parseSection('awareness', awarenessInput)
      if (!parsed.ok) return Promise.resolve(invalidErrors(parsed.errors))
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'incident:record', { authorityId, recordType: 'incident' }))) return refuse('forbidden')
        const errors = datesProblems({ ...EMPTY, children: [], awareness: parsed.value }, londonDay(work.now), 'awareness')
        if (hasErrors(errors)) return invalidErrors(errors)
        const created = await createIncident(work, actor, { authorityId, status: 'draft', awareness: parsed.value, raisedByPartnerId: null })
        return created.ok ? { ...created, version: 1 } : created
      })
    },

    /** Saves one question page's section, replacing that section's answers. */
    saveSection<S extends EditableSection>(actor: Actor, incidentId: string, version: number, section: S, input: unknown): Saved {
      const parsed = parseSection(section, input)
      if (!parsed.ok) return Promise.resolve(invalidErrors(parsed.errors))
      return change(actor, incidentId, version, async (work, stored) => {
        const record: IncidentRecord = { ...stored.record, [section]: parsed.value }
        const errors = section === 'awareness' || section === 'incident' ? datesProblems(record, londonDay(work.now), section) : {}
        return hasErrors(errors) ? { errors } : { detail: section, section, value: parsed.value }
      })
    },

    /**
     * Saves several sections as one change (the API's PATCH): every section is checked, and the
     * date rules on the record as it would be, before anything is written; errors are keyed
     * `section.field`. All are saved in one step, or none.
     */
    saveSections(actor: Actor, incidentId: string, version: number, input: Partial<Record<EditableSection, unknown>>): Saved {
      const values: Partial<SectionValues> = {}
      const errors: Record<string, string> = {}
      const given = (Object.keys(SECTION_SCHEMAS) as EditableSection[]).filter((name) => input[name] !== undefined)
      for (const name of given) {
        const parsed = parseSection(name, input[name])
        if (parsed.ok) Object.assign(values, { [name]: parsed.value })
        else for (const [field, message] of Object.entries(parsed.errors)) errors[`${name}.${field}`] = message
      }
      if (given.length === 0) errors['(form)'] = 'Give at least one section: awareness, incident, abuse or safeguarding'
      if (hasErrors(errors)) return Promise.resolve(invalidErrors(errors))
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'incident:record')
        if (isRefusal(stored)) return stored
        if (stored.version !== version) return refuse('stale')
        const record: IncidentRecord = { ...stored.record, ...values }
        for (const name of (['awareness', 'incident'] as const).filter((n) => values[n])) {
          for (const [field, message] of Object.entries(datesProblems(record, londonDay(work.now), name))) errors[`${name}.${field}`] = message
        }
        if (hasErrors(errors)) return invalidErrors(errors)
        const change = { ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, JSON.stringify(value)])), ...(values.awareness ? { aware_date: values.awareness.awareDate ?? null } : {}) }
        return takeStep(work, actor, stored, { action: 'update_record', version, change, detail: given.join(', ') })
      })
    },

    addChild(actor: Actor, incidentId: string, version: number, input: unknown): Promise<{ ok: true; version: number; childId: string } | ChangeRefusal> {
      let childId = ''
      return childChange(actor, incidentId, version, input, async (work, details) => {
        childId = await incidentsRepository(work.trx).insertChild(incidentId, details, work.now.toISOString())
        return true
      }).then((r) => (r.ok ? { ...r, childId } : r))
    },

    saveChild(actor: Actor, incidentId: string, version: number, childId: string, input: unknown): Saved {
      return childChange(actor, incidentId, version, input, (work, details) => incidentsRepository(work.trx).updateChild(incidentId, childId, details, work.now.toISOString()))
    },

    removeChild(actor: Actor, incidentId: string, version: number, childId: string): Saved {
      return change(actor, incidentId, version, async (work) =>
        (await incidentsRepository(work.trx).deleteChild(incidentId, childId)) ? { detail: 'child removed' } : NO_SUCH_CHILD,
      )
    },

    /** Draft to "needs a discussion": only when nothing is missing. */
    submit(actor: Actor, incidentId: string, version: number, comment?: string): Saved {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'incident:record')
        if (isRefusal(stored)) return stored
        if (stored.version !== version) return refuse('stale')
        const missing = checkAnswers(stored.record)
        if (stored.status === 'draft' && missing.length > 0) {
          return invalidErrors(Object.fromEntries(missing.map((m) => [m.childId ? `children.${m.childId}.${m.field}` : m.field, m.message])))
        }
        return takeStep(work, actor, stored, { action: 'submit', version, comment: comment ?? null })
      })
    },

    /** Reading a case is audited ('record.viewed'): the web calls this for every case page. */
    getIncident(actor: Actor, incidentId: string): Promise<{ ok: true; incident: IncidentView } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'case:view')
        if (isRefusal(stored)) return stored
        if (actor.kind === 'user' && actor.permissions.role === 'partner' && stored.status === 'draft') return refuse('not-found')
        await work.audit(actor, { action: 'record.viewed', outcome: 'done', authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
        const role = actor.kind === 'user' ? actor.permissions.role : null
        const incident: IncidentView = {
          ...stored,
          sections: sectionStatuses(stored.record),
          missing: checkAnswers(stored.record),
          actions: availableActions(stored.status, role),
          history: await incidentsRepository(work.trx).events(stored.id),
        }
        return { ok: true as const, incident }
      })
    },

    /** The minimal worklist; `needsDecisionOwner` keeps those needing a discussion. Partners never see drafts. */
    async listIncidents(actor: Actor, options: { needsDecisionOwner?: boolean } = {}): Promise<{ ok: true; incidents: IncidentSummary[] } | Refusal<'forbidden'>> {
      const authorityId = actor.kind === 'user' ? actor.permissions.currentAuthority?.id : undefined
      if (!authorityId || actor.kind !== 'user' || !actor.permissions.can('case:view')) return refuse('forbidden')
      const statuses = options.needsDecisionOwner ? NEEDS_DECISION_OWNER : actor.permissions.role === 'partner' ? STATUSES.filter((s) => s !== 'draft') : undefined
      const rows = await incidentsRepository(deps.database.db).list(authorityId, statuses)
      const deadline = (aware: string | null) => (aware ? deps.calendar.addWorkingDays(CalendarDay.parse(aware), NOTIFICATION_WORKING_DAYS).toString() : null)
      return { ok: true, incidents: rows.map((row) => ({ ...row, deadline: deadline(row.awareDate) })) }
    },
  }

  function childChange(actor: Actor, incidentId: string, version: number, input: unknown, write: (work: UnitOfWork, details: ChildDetails) => Promise<boolean>): Saved {
    const parsed = parseChild(input)
    if (!parsed.ok) return Promise.resolve(invalidErrors(parsed.errors))
    return change(actor, incidentId, version, async (work, stored) => {
      const errors = childDatesProblems(stored.record, parsed.value, londonDay(work.now))
      if (hasErrors(errors)) return { errors }
      return (await write(work, parsed.value)) ? { detail: 'child saved' } : NO_SUCH_CHILD
    })
  }
}
