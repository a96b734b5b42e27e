// What the report figures read for one authority: its incidents with their children and who
// raised them, its decisions, and its learning actions. One query each (the cases' progress comes
// from caseProgressRepository.cases), never one per case; the service turns rows into ReportCases.
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
    async incidents(authorityId: string): Promise<ReportIncidentRow[]> {
      const rows = await db
        .selectFrom('incidents')
        .leftJoin('incident_children', 'incident_children.incident_id', 'incidents.id')
        .leftJoin('partner_organisations', 'partner_organisations.id', 'incidents.raised_by_partner_id')
        .select(['incidents.id', 'incidents.status', 'incidents.aware_date', 'incidents.incident', 'incidents.abuse', 'incident_children.details', 'partner_organisations.name as partnerName'])
        .where('incidents.authority_id', '=', authorityId)
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

    /** The latest decision on each incident (a revisit adds a row, and the latest stands). */
    async latestDecisions(authorityId: string): Promise<Map<string, { decision: string; departs: boolean }>> {
      const rows = await db
        .selectFrom('decisions')
        .innerJoin('incidents', 'incidents.id', 'decisions.incident_id')
        .select(['decisions.incident_id', 'decisions.decision', 'decisions.departs_from_engine'])
        .where('incidents.authority_id', '=', authorityId)
        .orderBy('decisions.decided_at')
        .execute()
      return new Map(rows.map((r) => [r.incident_id, { decision: r.decision, departs: Boolean(r.departs_from_engine) }]))
    },

    actions(authorityId: string): Promise<{ dueOn: string; completedOn: string | null }[]> {
      return db
        .selectFrom('learning_actions')
        .innerJoin('incidents', 'incidents.id', 'learning_actions.incident_id')
        .select(['learning_actions.due_on as dueOn', 'learning_actions.completed_on as completedOn'])
        .where('incidents.authority_id', '=', authorityId)
        .execute()
    },
  }
}
