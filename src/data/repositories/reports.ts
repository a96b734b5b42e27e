// What the report figures read for one authority and period: the incidents it became aware of in
// the period with their children and who raised them, their decisions, and the learning actions
// open at the period's end. One query each (the cases' progress comes from
// caseProgressRepository.cases), never one per case, and never years of cases the period cannot
// count (docs/performance.md); the service turns rows into ReportCases.
import type { Kysely } from 'kysely'
import type { AbuseSection, ChildDetails, IncidentSection } from '../../domain/incident/index.js'
import type { Status } from '../../domain/lifecycle/index.js'
import type { Schema } from '../schema.js'

export interface ReportIncidentRow {
  readonly id: string
  readonly status: Status
  readonly awareDate: string | null
  readonly incidentDate: string | null
  readonly harmKinds: readonly string[]
  /** The partner organisation that raised it, by name; null when the authority recorded it. */
  readonly raisedBy: string | null
  readonly children: readonly ChildDetails[]
}

export function reportsRepository(db: Kysely<Schema>) {
  return {
    /** The incidents the authority became aware of in the period (from and to are days, inclusive). */
    async incidents(authorityId: string, period: { from: string; to: string }): Promise<ReportIncidentRow[]> {
      const rows = await db
        .selectFrom('incidents')
        .leftJoin('incident_children', 'incident_children.incident_id', 'incidents.id')
        .leftJoin('partner_organisations', 'partner_organisations.id', 'incidents.raised_by_partner_id')
        .select(['incidents.id', 'incidents.status', 'incidents.aware_date', 'incidents.incident', 'incidents.abuse', 'incident_children.details', 'partner_organisations.name as partnerName'])
        .where('incidents.authority_id', '=', authorityId)
        .where('incidents.aware_date', '>=', period.from)
        .where('incidents.aware_date', '<=', period.to)
        .orderBy('incidents.reference')
        .orderBy('incident_children.position')
        .execute()
      const byId = new Map<string, ReportIncidentRow & { children: ChildDetails[] }>()
      for (const row of rows) {
        const incident = byId.get(row.id) ?? {
          id: row.id, status: row.status as Status, awareDate: row.aware_date,
          incidentDate: (JSON.parse(row.incident) as IncidentSection).incidentDate ?? null,
          harmKinds: (JSON.parse(row.abuse) as AbuseSection).kinds ?? [],
          raisedBy: row.partnerName, children: [],
        }
        if (row.details) incident.children.push(JSON.parse(row.details) as ChildDetails)
        byId.set(row.id, incident)
      }
      return [...byId.values()]
    },

    /** The latest decision on each incident aware in the period (a revisit adds a row, and the latest stands). */
    async latestDecisions(authorityId: string, period: { from: string; to: string }): Promise<Map<string, { decision: string; departs: boolean }>> {
      const rows = await db
        .selectFrom('decisions')
        .innerJoin('incidents', 'incidents.id', 'decisions.incident_id')
        .select(['decisions.incident_id', 'decisions.decision', 'decisions.departs_from_engine'])
        .where('incidents.authority_id', '=', authorityId)
        .where('incidents.aware_date', '>=', period.from)
        .where('incidents.aware_date', '<=', period.to)
        .orderBy('decisions.decided_at')
        .execute()
      return new Map(rows.map((r) => [r.incident_id, { decision: r.decision, departs: Boolean(r.departs_from_engine) }]))
    },

    /** Actions due before `end` and not completed by then: the only ones the overdue count can count. */
    actions(authorityId: string, end: string): Promise<{ dueOn: string; completedOn: string | null }[]> {
      return db
        .selectFrom('learning_actions')
        .select(['due_on as dueOn', 'completed_on as completedOn'])
        .where('authority_id', '=', authorityId)
        .where('due_on', '<', end)
        .where((eb) => eb.or([eb('completed_on', 'is', null), eb('completed_on', '>', end)]))
        .execute()
    },
  }
}
