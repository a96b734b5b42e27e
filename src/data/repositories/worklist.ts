// What the worklist reads besides the running clocks: one query each for the authority's
// incidents (with their children's names, for search), open learning actions, open requests for a
// partner's view and rapid review sign-offs still owed. Never one query per case.
import type { Kysely } from 'kysely'
import type { ChildDetails } from '../../domain/incident/index.js'
import { STATUSES, type Status } from '../../domain/lifecycle/index.js'
import { ACTION_STATUSES } from '../../domain/after-decision/index.js'
import type { PartnerKind, Schema } from '../schema.js'

export interface WorklistIncidentRow {
  readonly id: string
  readonly reference: string
  readonly status: Status
  readonly awareDate: string | null
  readonly createdBy: string | null
  readonly childNames: readonly string[]
}

/** Cases with nothing left to do but their learning actions (years of them, at national scale). */
const FINISHED: readonly Status[] = ['closed', 'decided_do_not_notify', 'decided_refer_to_other_authority', 'withdrawn']
const UNFINISHED: readonly Status[] = STATUSES.filter((s) => !FINISHED.includes(s))
const OPEN_ACTION = ACTION_STATUSES.filter((s) => s !== 'complete')

export function worklistRepository(db: Kysely<Schema>) {
  /** The authority's learning actions not yet complete, through the action's own authority (migration 0012). */
  const openActionsOf = (authorityId: string) => db.selectFrom('learning_actions').where('authority_id', '=', authorityId).where('status', 'in', OPEN_ACTION)
  /** Every child's name in the authority's cases, by case, in the order they were entered. */
  async function childNamesOf(authorityId: string): Promise<Map<string, string[]>> {
    const rows = await db
      .selectFrom('incident_children')
      .innerJoin('incidents', 'incidents.id', 'incident_children.incident_id')
      .select(['incident_children.incident_id', 'incident_children.details'])
      .where('incidents.authority_id', '=', authorityId)
      .orderBy('incident_children.incident_id')
      .orderBy('incident_children.position')
      .execute()
    const names = new Map<string, string[]>()
    for (const row of rows) {
      const name = (JSON.parse(row.details) as ChildDetails).name
      if (name) names.set(row.incident_id, [...(names.get(row.incident_id) ?? []), name])
    }
    return names
  }

  return {
    /**
     * The cases that can be on a worklist: unfinished ones, and finished ones with an open action
     * (all of them for a partner, whose requests for a view stand whatever the case's status).
     * Each set is found through its own index, so the cost follows what is on the worklist, not
     * the years of finished cases behind it. Children's names only when searching: reading and
     * parsing every child's details was most of a worklist's cost (docs/performance.md).
     */
    async incidents(authorityId: string, options: { unfinishedOrActions: boolean; childNames: boolean }): Promise<WorklistIncidentRow[]> {
      const cases = db.selectFrom('incidents').select(['id', 'reference', 'status', 'aware_date', 'created_by']).where('authority_id', '=', authorityId)
      const rows = options.unfinishedOrActions
        ? [
            ...(await cases.where('status', 'in', UNFINISHED).execute()),
            ...(await cases.where('status', 'in', FINISHED).where('id', 'in', openActionsOf(authorityId).select('incident_id')).execute()),
          ].sort((a, b) => a.reference.localeCompare(b.reference))
        : await cases.orderBy('reference').execute()
      const names = options.childNames ? await childNamesOf(authorityId) : new Map<string, string[]>()
      return rows.map((row) => ({ id: row.id, reference: row.reference, status: row.status as Status, awareDate: row.aware_date, createdBy: row.created_by, childNames: names.get(row.id) ?? [] }))
    },

    openActions(authorityId: string) {
      return openActionsOf(authorityId)
        .select(['incident_id as incidentId', 'description', 'due_on as dueOn', 'owner_agency as ownerAgency'])
        .execute()
    },

    /** The partner organisation's kind, when the user works for one. */
    async partnerOf(userId: string): Promise<{ id: string; kind: PartnerKind } | null> {
      const row = await db.selectFrom('users').innerJoin('partner_organisations', 'partner_organisations.id', 'users.partner_organisation_id').select(['partner_organisations.id', 'partner_organisations.kind']).where('users.id', '=', userId).executeTakeFirst()
      return row ?? null
    },

    /** Incidents where this organisation was asked for its view and has not given one since. */
    async viewsRequested(authorityId: string, partnerOrganisationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('partner_view_requests as r')
        .innerJoin('incidents', 'incidents.id', 'r.incident_id')
        .select('r.incident_id')
        .where('incidents.authority_id', '=', authorityId)
        .where('r.partner_organisation_id', '=', partnerOrganisationId)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('partner_views as v').select('v.id').whereRef('v.incident_id', '=', 'r.incident_id').where('v.partner_organisation_id', '=', partnerOrganisationId).whereRef('v.recorded_at', '>=', 'r.requested_at'))),
        )
        .execute()
      return rows.map((r) => r.incident_id)
    },

    /** Rapid reviews under way that this kind of agency has not signed off. */
    async signOffsOwed(authorityId: string, kind: PartnerKind): Promise<string[]> {
      const rows = await db
        .selectFrom('incidents')
        .select('incidents.id')
        .where('incidents.authority_id', '=', authorityId)
        .where('incidents.status', '=', 'rapid_review')
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('rapid_review_entries as e').select('e.id').whereRef('e.incident_id', '=', 'incidents.id').where('e.kind', '=', 'sign_off').where('e.agency', '=', kind))))
        .execute()
      return rows.map((r) => r.id)
    },
  }
}
