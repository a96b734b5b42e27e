// A case's progress after the decision to notify, its rapid review entries and learning actions.
// The JSON parts are written by the services only, from checked input, so they are read back as typed.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { notificationsOwed, type CaseProgress } from '../../domain/after-decision/index.js'
import type { AdjustedGrouping, ChildDetails, IncidentRecord } from '../../domain/incident/index.js'
import type { Status } from '../../domain/lifecycle/index.js'
import type { LearningActionsTable, RapidReviewEntriesTable, Schema } from '../schema.js'
import type { Selectable } from 'kysely'

export type RapidReviewEntryRow = Selectable<RapidReviewEntriesTable>
export type LearningActionRow = Selectable<LearningActionsTable>

type ProgressRow = Selectable<Schema['case_progress']>

function fromRow(row: ProgressRow): CaseProgress {
  return {
    incidentId: row.incident_id,
    authorityId: row.authority_id,
    notifications: JSON.parse(row.notifications) as CaseProgress['notifications'],
    partnersInformedOn: row.partners_informed_on,
    rapidReview: row.rapid_review ? (JSON.parse(row.rapid_review) as CaseProgress['rapidReview']) : null,
    practiceReview: row.practice_review ? (JSON.parse(row.practice_review) as CaseProgress['practiceReview']) : null,
    extensions: JSON.parse(row.extensions) as CaseProgress['extensions'],
  }
}

export interface RunningCaseRow {
  readonly incidentId: string
  readonly reference: string
  readonly status: Status
  readonly awareDate: string | null
  readonly progress: CaseProgress
}

export function caseProgressRepository(db: Kysely<Schema>) {
  return {
    async find(incidentId: string): Promise<CaseProgress | undefined> {
      const row = await db.selectFrom('case_progress').selectAll().where('incident_id', '=', incidentId).executeTakeFirst()
      return row ? fromRow(row) : undefined
    },

    async save(progress: CaseProgress, at: string): Promise<void> {
      const values = {
        notifications: JSON.stringify(progress.notifications),
        partners_informed_on: progress.partnersInformedOn,
        rapid_review: progress.rapidReview ? JSON.stringify(progress.rapidReview) : null,
        practice_review: progress.practiceReview ? JSON.stringify(progress.practiceReview) : null,
        extensions: JSON.stringify(progress.extensions),
        updated_at: at,
      }
      const updated = await db.updateTable('case_progress').set(values).where('incident_id', '=', progress.incidentId).executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) await db.insertInto('case_progress').values({ incident_id: progress.incidentId, authority_id: progress.authorityId, ...values }).execute()
    },

    /** Every case with progress in the authority, or every authority: one query, for the worklist and calendar changes. */
    async cases(authorityId: string | null, statuses: readonly Status[]): Promise<RunningCaseRow[]> {
      let query = db
        .selectFrom('case_progress')
        .innerJoin('incidents', 'incidents.id', 'case_progress.incident_id')
        .selectAll('case_progress')
        .select(['incidents.reference', 'incidents.status', 'incidents.aware_date'])
        .where('incidents.status', 'in', [...statuses])
      if (authorityId) query = query.where('case_progress.authority_id', '=', authorityId)
      const rows = await query.orderBy('incidents.reference').execute()
      return rows.map((row) => ({ incidentId: row.incident_id, reference: row.reference, status: row.status as Status, awareDate: row.aware_date, progress: fromRow(row) }))
    },

    /**
     * Cases decided to notify where nothing has been recorded yet (no progress row): their owed
     * notifications come from the record. Two queries for the whole authority, never one per case.
     */
    async awaitingFirstStep(authorityId: string | null): Promise<RunningCaseRow[]> {
      let query = db
        .selectFrom('incidents')
        .leftJoin('case_progress', 'case_progress.incident_id', 'incidents.id')
        .selectAll('incidents')
        .where('incidents.status', '=', 'decided_notify')
        .where('case_progress.incident_id', 'is', null)
      if (authorityId) query = query.where('incidents.authority_id', '=', authorityId)
      const rows = await query.orderBy('incidents.reference').execute()
      if (rows.length === 0) return []
      const children = await db.selectFrom('incident_children').selectAll().where('incident_id', 'in', rows.map((r) => r.id)).orderBy('position').execute()
      return rows.map((row) => {
        const record: IncidentRecord = {
          awareness: JSON.parse(row.awareness) as IncidentRecord['awareness'], incident: JSON.parse(row.incident) as IncidentRecord['incident'],
          abuse: JSON.parse(row.abuse) as IncidentRecord['abuse'], safeguarding: JSON.parse(row.safeguarding) as IncidentRecord['safeguarding'],
          children: children.filter((c) => c.incident_id === row.id).map((c) => ({ ...(JSON.parse(c.details) as ChildDetails), id: c.id })),
        }
        const grouping = row.notification_grouping ? (JSON.parse(row.notification_grouping) as AdjustedGrouping) : null
        const progress: CaseProgress = { incidentId: row.id, authorityId: row.authority_id, notifications: notificationsOwed(record, grouping), partnersInformedOn: null, rapidReview: null, practiceReview: null, extensions: [] }
        return { incidentId: row.id, reference: row.reference, status: row.status as Status, awareDate: row.aware_date, progress }
      })
    },

    async addEntry(row: Omit<RapidReviewEntryRow, 'id' | 'updated_at'>): Promise<string> {
      const id = randomUUID()
      await db.insertInto('rapid_review_entries').values({ id, ...row, updated_at: row.recorded_at }).execute()
      return id
    },

    async updateEntryDetails(incidentId: string, id: string, details: string, at: string): Promise<boolean> {
      const result = await db.updateTable('rapid_review_entries').set({ details, updated_at: at }).where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    entries(incidentId: string): Promise<RapidReviewEntryRow[]> {
      return db.selectFrom('rapid_review_entries').selectAll().where('incident_id', '=', incidentId).orderBy('recorded_at').orderBy('id').execute()
    },

    async addAction(row: Omit<LearningActionRow, 'id'>): Promise<string> {
      const id = randomUUID()
      await db.insertInto('learning_actions').values({ id, ...row }).execute()
      return id
    },

    async updateAction(incidentId: string, id: string, change: Partial<Pick<LearningActionRow, 'status' | 'evidence' | 'completed_on' | 'due_on' | 'owner_person'>>, at: string): Promise<boolean> {
      const result = await db.updateTable('learning_actions').set({ ...change, updated_at: at }).where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    actions(incidentId: string): Promise<LearningActionRow[]> {
      return db.selectFrom('learning_actions').selectAll().where('incident_id', '=', incidentId).orderBy('due_on').orderBy('id').execute()
    },
  }
}
