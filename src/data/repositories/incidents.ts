// Incidents and their children: one aggregate. Every change to the record or its children moves
// the incident's version on (compare-and-set), so two people can never silently overwrite each other.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Child, ChildDetails, IncidentRecord } from '../../domain/incident/index.js'
import type { AdjustedGrouping } from '../../domain/incident/index.js'
import type { Status } from '../../domain/lifecycle/index.js'
import type { IncidentEventRow, IncidentRow, IncidentsTable, Schema } from '../schema.js'

export interface StoredIncident {
  readonly id: string
  readonly authorityId: string
  readonly reference: string
  readonly status: Status
  readonly version: number
  readonly record: IncidentRecord
  readonly grouping: AdjustedGrouping | null
  readonly raisedByPartnerId: string | null
  readonly createdBy: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface IncidentListRow {
  readonly id: string
  readonly reference: string
  readonly status: Status
  readonly awareDate: string | null
  readonly childCount: number
  readonly updatedAt: string
}

/** What a change may set besides the version: a section, the status or the grouping. */
export type IncidentChange = Partial<Pick<IncidentsTable, 'status' | 'aware_date' | 'awareness' | 'incident' | 'abuse' | 'safeguarding' | 'notification_grouping'>>

function parse<T>(text: string): T {
  return JSON.parse(text) as T
}

export function incidentsRepository(db: Kysely<Schema>) {
  async function children(incidentId: string): Promise<Child[]> {
    const rows = await db.selectFrom('incident_children').selectAll().where('incident_id', '=', incidentId).orderBy('position').execute()
    return rows.map((row) => ({ ...parse<ChildDetails>(row.details), id: row.id }))
  }

  async function toStored(row: IncidentRow): Promise<StoredIncident> {
    return {
      id: row.id,
      authorityId: row.authority_id,
      reference: row.reference,
      status: row.status as Status,
      version: row.version,
      record: { awareness: parse(row.awareness), incident: parse(row.incident), abuse: parse(row.abuse), safeguarding: parse(row.safeguarding), children: await children(row.id) },
      grouping: row.notification_grouping ? parse<AdjustedGrouping>(row.notification_grouping) : null,
      raisedByPartnerId: row.raised_by_partner_id,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  return {
    /** The next reference for the authority and year, e.g. COV-2026-0007. Locks the counter row until commit. */
    async nextReference(authorityId: string, authorityCode: string, year: number): Promise<string> {
      await db.insertInto('incident_reference_counters').values({ authority_id: authorityId, year, last_number: 0 }).onConflict((oc) => oc.columns(['authority_id', 'year']).doNothing()).execute()
      const row = await db
        .updateTable('incident_reference_counters')
        .set({ last_number: sql`last_number + 1` })
        .where('authority_id', '=', authorityId)
        .where('year', '=', year)
        .returning('last_number')
        .executeTakeFirstOrThrow()
      return `${authorityCode}-${year}-${String(row.last_number).padStart(4, '0')}`
    },

    async insert(input: { id: string; authorityId: string; reference: string; status: Status; record: Omit<IncidentRecord, 'children'>; raisedByPartnerId: string | null; createdBy: string | null; now: string }): Promise<void> {
      const r = input.record
      await db
        .insertInto('incidents')
        .values({
          id: input.id,
          authority_id: input.authorityId,
          reference: input.reference,
          status: input.status,
          aware_date: r.awareness.awareDate ?? null,
          awareness: JSON.stringify(r.awareness),
          incident: JSON.stringify(r.incident),
          abuse: JSON.stringify(r.abuse),
          safeguarding: JSON.stringify(r.safeguarding),
          notification_grouping: null,
          raised_by_partner_id: input.raisedByPartnerId,
          created_by: input.createdBy,
          created_at: input.now,
          updated_at: input.now,
        })
        .execute()
    },

    /** Only within the authority: another authority's incident is simply not there. */
    async find(authorityId: string, id: string): Promise<StoredIncident | undefined> {
      const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).where('authority_id', '=', authorityId).executeTakeFirst()
      return row ? toStored(row) : undefined
    },

    /** For the operator (system actor) only, who works across authorities. */
    async findAnywhere(id: string): Promise<StoredIncident | undefined> {
      const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toStored(row) : undefined
    },

    async findByReference(authorityId: string, reference: string): Promise<StoredIncident | undefined> {
      const row = await db.selectFrom('incidents').selectAll().where('reference', '=', reference).where('authority_id', '=', authorityId).executeTakeFirst()
      return row ? toStored(row) : undefined
    },

    /** Compare-and-set on the version the user saw: false when someone else changed it first. */
    async update(id: string, version: number, change: IncidentChange, now: string): Promise<boolean> {
      const result = await db.updateTable('incidents').set({ ...change, version: version + 1, updated_at: now }).where('id', '=', id).where('version', '=', version).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async insertChild(incidentId: string, details: ChildDetails, now: string): Promise<string> {
      const id = randomUUID()
      const last = await db.selectFrom('incident_children').select((eb) => eb.fn.max('position').as('max')).where('incident_id', '=', incidentId).executeTakeFirst()
      const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1
      await db.insertInto('incident_children').values({ id, incident_id: incidentId, position, details: JSON.stringify(details), created_at: now, updated_at: now }).execute()
      return id
    },

    async updateChild(incidentId: string, childId: string, details: ChildDetails, now: string): Promise<boolean> {
      const result = await db.updateTable('incident_children').set({ details: JSON.stringify(details), updated_at: now }).where('id', '=', childId).where('incident_id', '=', incidentId).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async deleteChild(incidentId: string, childId: string): Promise<boolean> {
      const result = await db.deleteFrom('incident_children').where('id', '=', childId).where('incident_id', '=', incidentId).executeTakeFirst()
      return Number(result.numDeletedRows) === 1
    },

    async list(authorityId: string, statuses?: readonly Status[]): Promise<IncidentListRow[]> {
      let query = db
        .selectFrom('incidents')
        .leftJoin('incident_children', 'incident_children.incident_id', 'incidents.id')
        .select(['incidents.id', 'incidents.reference', 'incidents.status', 'incidents.aware_date', 'incidents.updated_at'])
        .select((eb) => eb.fn.count<number>('incident_children.id').as('child_count'))
        .where('incidents.authority_id', '=', authorityId)
        .groupBy(['incidents.id', 'incidents.reference', 'incidents.status', 'incidents.aware_date', 'incidents.updated_at'])
        .orderBy('incidents.aware_date')
        .orderBy('incidents.reference')
      if (statuses) query = query.where('incidents.status', 'in', [...statuses])
      const rows = await query.execute()
      return rows.map((r) => ({ id: r.id, reference: r.reference, status: r.status as Status, awareDate: r.aware_date, childCount: Number(r.child_count), updatedAt: r.updated_at }))
    },

    /** Called after the incident's version check, which serialises writers to this incident. */
    async addEvent(event: Omit<IncidentEventRow, 'id' | 'seq'>): Promise<void> {
      const last = await db.selectFrom('incident_events').select((eb) => eb.fn.max('seq').as('max')).where('incident_id', '=', event.incident_id).executeTakeFirst()
      await db.insertInto('incident_events').values({ id: randomUUID(), seq: Number(last?.max ?? 0) + 1, ...event }).execute()
    },

    events(incidentId: string): Promise<IncidentEventRow[]> {
      return db.selectFrom('incident_events').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute()
    },
  }
}
