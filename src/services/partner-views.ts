// The partners' views (issue 4, item 4; domain R12: the authority should consult the police and
// health partners, and a partner who becomes aware of an incident should raise it with the
// authority). The decision owner or business unit asks; each partner user records a view; the
// decision owner sees the authority's, the police's and health's latest views side by side.
import { partnersRepository } from '../data/repositories/authorities.js'
import { deliberationRepository } from '../data/repositories/decisions.js'
import { incidentsRepository } from '../data/repositories/incidents.js'
import { usersRepository } from '../data/repositories/users.js'
import type { PartnerKind, PartnerViewRequestRow, PartnerViewRow } from '../data/schema.js'
import { inTransaction, refuse, type Actor, type Refusal, type UnitOfWork } from './context.js'
import {
  actorLabel, actorUserId, invalidErrors, isRefusal, loadIncident, londonDay, takeStep, type ChangeRefusal, type IncidentDeps, type InvalidErrors, type LoadRefusal,
} from './incident-access.js'
import { createIncident, type Saved } from './incidents.js'
import { fieldErrors, parseSection, partnerViewSchema } from './incident-input.js'
import { datesProblems } from '../domain/incident/index.js'

export type ViewKind = PartnerViewRow['kind']

export interface ViewsSideBySide {
  /** The latest view of each, or null when none is recorded yet. */
  readonly latest: Readonly<Record<ViewKind, PartnerViewRow | null>>
  /** Every view, oldest first: earlier views are kept. */
  readonly all: readonly PartnerViewRow[]
  readonly requests: readonly PartnerViewRequestRow[]
}

/** The partner organisation of a partner user, if it serves this authority. */
export async function servingPartner(work: UnitOfWork, actor: Actor, authorityId: string): Promise<{ id: string; kind: PartnerKind; name: string } | undefined> {
  if (actor.kind !== 'user') return undefined
  const user = await usersRepository(work.trx).findById(actor.userId)
  const serving = await partnersRepository(work.trx).forAuthority(authorityId)
  return serving.find((p) => p.id === user?.partner_organisation_id)
}

export function partnerViewService(deps: IncidentDeps) {
  function recordAs(actor: Actor, incidentId: string, version: number, input: unknown, as: 'partner' | 'authority'): Saved {
    const parsed = partnerViewSchema.safeParse(input ?? {})
    if (!parsed.success) return Promise.resolve(invalidErrors(fieldErrors(parsed.error)))
    return inTransaction(deps, async (work) => {
      const stored = await loadIncident(work, actor, incidentId, as === 'partner' ? 'partner-view:record' : 'decision:record')
      if (isRefusal(stored)) return stored
      const partner = as === 'partner' ? await servingPartner(work, actor, stored.authorityId) : undefined
      if (as === 'partner' && !partner) return refuse('forbidden')
      const step = await takeStep(work, actor, stored, { action: as === 'partner' ? 'record_view' : 'record_working_view', version, comment: parsed.data.reasons, detail: partner?.kind ?? 'authority' })
      if (!step.ok) return step
      await deliberationRepository(work.trx).addView({
        incident_id: stored.id, kind: partner?.kind ?? 'authority', partner_organisation_id: partner?.id ?? null, view: parsed.data.view, reasons: parsed.data.reasons, recorded_by: actorLabel(actor), recorded_at: work.now.toISOString(),
      })
      return step
    })
  }

  return {
    /** Asks the authority's police force and integrated care board for their views. */
    requestViews(actor: Actor, incidentId: string, version: number, comment?: string): Saved {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'case:view')
        if (isRefusal(stored)) return stored
        const step = await takeStep(work, actor, stored, { action: 'request_views', version, comment: comment ?? null })
        if (!step.ok) return step
        for (const partner of await partnersRepository(work.trx).forAuthority(stored.authorityId)) {
          await deliberationRepository(work.trx).addViewRequest({ incident_id: stored.id, partner_organisation_id: partner.id, kind: partner.kind, comment: comment?.trim() || null, requested_by: actorLabel(actor), requested_at: work.now.toISOString() })
        }
        return step
      })
    },

    /** A partner user records their organisation's view: notify, do not notify or unsure, with reasons. */
    recordView: (actor: Actor, incidentId: string, version: number, input: unknown): Saved => recordAs(actor, incidentId, version, input, 'partner'),

    /** The decision owner's own working view, shown beside the partners'. */
    recordWorkingView: (actor: Actor, incidentId: string, version: number, input: unknown): Saved => recordAs(actor, incidentId, version, input, 'authority'),

    viewsSideBySide(actor: Actor, incidentId: string): Promise<{ ok: true; views: ViewsSideBySide } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'case:view')
        if (isRefusal(stored)) return stored
        await work.audit(actor, { action: 'record.viewed', outcome: 'done: views', authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id })
        const repo = deliberationRepository(work.trx)
        const all = await repo.views(stored.id)
        const latest = (kind: ViewKind) => all.filter((v) => v.kind === kind).at(-1) ?? null
        return { ok: true as const, views: { latest: { authority: latest('authority'), police: latest('police'), health: latest('health') }, all, requests: await repo.viewRequests(stored.id) } }
      })
    },

    /** A partner raises a possible incident: it goes straight onto the decision owner's list. */
    raiseIncident(actor: Actor, authorityId: string, input: { awareDate?: string; outline?: string }): Promise<{ ok: true; id: string; reference: string } | Refusal<'forbidden' | 'not-found'> | InvalidErrors | ChangeRefusal> {
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'partner-view:record', { authorityId, recordType: 'incident' }))) return refuse('forbidden')
        const partner = await servingPartner(work, actor, authorityId)
        if (!partner) return refuse('forbidden')
        const awareness = parseSection('awareness', { awareDate: input.awareDate, source: partner.kind, sourceDetail: partner.name })
        const incident = parseSection('incident', { outline: input.outline })
        if (!awareness.ok || !incident.ok) return invalidErrors({ ...(awareness.ok ? {} : awareness.errors), ...(incident.ok ? {} : incident.errors) })
        const errors = { ...datesProblems({ awareness: awareness.value, incident: {}, abuse: {}, safeguarding: {}, children: [] }, londonDay(work.now), 'awareness') }
        if (!awareness.value.awareDate) errors['awareDate'] = 'Enter the date you became aware of the incident'
        if (!incident.value.outline) errors['outline'] = 'Enter what happened'
        if (Object.keys(errors).length > 0) return invalidErrors(errors)
        const created = await createIncident(work, actor, { authorityId, status: 'awaiting_discussion', awareness: awareness.value, incident: incident.value, raisedByPartnerId: partner.id })
        if (!created.ok) return created
        await incidentsRepository(work.trx).addEvent({ incident_id: created.id, action: 'raise', from_status: null, to_status: 'awaiting_discussion', comment: null, actor_user_id: actorUserId(actor), actor: actorLabel(actor), at: work.now.toISOString() })
        return created
      })
    },
  }
}
