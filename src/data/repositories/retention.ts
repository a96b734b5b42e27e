// Storage for the retention schedule: each authority's periods, finding the records past them,
// and deleting or anonymising one case (inside the caller's transaction). What anonymising keeps
// is decided in src/domain/retention/anonymise.ts; this file only applies it to every table.
import { sql, type Kysely } from 'kysely'
import type { ChildDetails, IncidentSection } from '../../domain/incident/index.js'
import { REMOVED, anonymiseChild, replaceNames, scrubFreeText } from '../../domain/retention/index.js'
import type { Schema } from '../schema.js'

export interface CaseCandidate {
  readonly id: string
  readonly authorityId: string
  readonly childIds: readonly string[]
}

/** Tables under an incident, deleted with it (the foreign keys cascade too; this says so plainly). */
const CASE_TABLES = ['email_outbox', 'learning_actions', 'rapid_review_entries', 'case_progress', 'other_authority_liaisons', 'decisions', 'partner_views', 'partner_view_requests', 'incident_events', 'incident_children'] as const

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text))
const text = (value: unknown): string => JSON.stringify(value)

export function retentionRepository(db: Kysely<Schema>) {
  return {
    async periods(authorityId: string): Promise<Record<string, number>> {
      const rows = await db.selectFrom('retention_settings').select(['record_type', 'period']).where('authority_id', '=', authorityId).execute()
      return Object.fromEntries(rows.map((r) => [r.record_type, Number(r.period)]))
    },

    async setPeriod(authorityId: string, recordType: string, period: number, by: string, at: string): Promise<void> {
      await db.insertInto('retention_settings').values({ authority_id: authorityId, record_type: recordType, period, updated_by: by, updated_at: at })
        .onConflict((oc) => oc.columns(['authority_id', 'record_type']).doUpdateSet({ period, updated_by: by, updated_at: at }))
        .execute()
    },

    /**
     * Cases in these statuses, not yet anonymised, with no change (to the case or its history)
     * after `before`. `neverSubmitted` limits it to drafts never sent for a discussion.
     */
    async casesUntouchedSince(authorityId: string, statuses: readonly string[], before: string, neverSubmitted = false): Promise<CaseCandidate[]> {
      let query = db.selectFrom('incidents').select(['incidents.id', 'incidents.authority_id'])
        .where('authority_id', '=', authorityId).where('status', 'in', statuses).where('anonymised_at', 'is', null).where('updated_at', '<=', before)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('incident_events').select(sql`1`.as('x')).whereRef('incident_events.incident_id', '=', 'incidents.id').where('incident_events.at', '>', before))))
      if (neverSubmitted) {
        query = query.where(({ not, exists, selectFrom }) => not(exists(selectFrom('incident_events').select(sql`1`.as('x')).whereRef('incident_events.incident_id', '=', 'incidents.id').where('incident_events.action', '=', 'submit'))))
      }
      const rows = await query.orderBy('incidents.created_at').execute()
      const children = rows.length === 0 ? [] : await db.selectFrom('incident_children').select(['id', 'incident_id']).where('incident_id', 'in', rows.map((r) => r.id)).execute()
      return rows.map((r) => ({ id: r.id, authorityId: r.authority_id, childIds: children.filter((c) => c.incident_id === r.id).map((c) => c.id) }))
    },

    /** Deletes a case and everything under it; answers how many rows of each kind went. */
    async deleteCase(incidentId: string): Promise<Record<string, number>> {
      const counts: Record<string, number> = {}
      for (const table of CASE_TABLES) {
        const result = await db.deleteFrom(table).where('incident_id', '=', incidentId).executeTakeFirst()
        counts[table] = Number(result.numDeletedRows)
      }
      await db.deleteFrom('incidents').where('id', '=', incidentId).execute()
      return counts
    },

    /** Anonymises a case in place (see src/domain/retention/anonymise.ts); answers how many rows of each kind changed. */
    async anonymiseCase(incidentId: string, at: string): Promise<Record<string, number>> {
      const incident = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow()
      const children = await db.selectFrom('incident_children').selectAll().where('incident_id', '=', incidentId).orderBy('position').execute()
      const incidentSection = json(incident.incident) as IncidentSection
      const on = incidentSection.incidentDate ?? incident.aware_date
      // Names that may appear inside generated text (the engine's reasons): replaced by a label.
      const names = new Map(children.flatMap((c, i) => {
        const name = (json(c.details) as ChildDetails).name
        return name ? [[name, `Child ${i + 1}`] as const] : []
      }))
      for (const child of children) {
        await db.updateTable('incident_children').set({ details: text(anonymiseChild(json(child.details) as ChildDetails, on)), updated_at: at }).where('id', '=', child.id).execute()
      }
      await db.updateTable('incidents').set({
        awareness: text(scrubFreeText(json(incident.awareness))), incident: text(scrubFreeText(incidentSection)), abuse: text(scrubFreeText(json(incident.abuse))),
        safeguarding: text(scrubFreeText(json(incident.safeguarding))), notification_grouping: incident.notification_grouping === null ? null : text(scrubFreeText(json(incident.notification_grouping))),
        anonymised_at: at,
      }).where('id', '=', incidentId).execute()
      const events = await db.updateTable('incident_events').set({ comment: null }).where('incident_id', '=', incidentId).executeTakeFirst()
      const requests = await db.updateTable('partner_view_requests').set({ comment: null }).where('incident_id', '=', incidentId).executeTakeFirst()
      const views = await db.updateTable('partner_views').set({ reasons: REMOVED }).where('incident_id', '=', incidentId).executeTakeFirst()
      const decisions = await db.selectFrom('decisions').selectAll().where('incident_id', '=', incidentId).execute()
      for (const d of decisions) {
        const facts = json(d.facts) as { children?: ChildDetails[] } & Record<string, unknown>
        await db.updateTable('decisions').set({
          rationale: REMOVED, departure_reason: d.departure_reason === null ? null : REMOVED,
          judgements: text(scrubFreeText(json(d.judgements))), partners_consulted: text(scrubFreeText(json(d.partners_consulted))),
          engine_outcome: text(replaceNames(json(d.engine_outcome), names)),
          facts: text({ ...(scrubFreeText({ ...facts, children: [] }) as object), children: (facts.children ?? []).map((c) => ({ id: (c as { id?: string }).id, ...anonymiseChild(c, on) })) }),
        }).where('id', '=', d.id).execute()
      }
      const liaisons = await db.updateTable('other_authority_liaisons').set({ contact: REMOVED, agreed: REMOVED }).where('incident_id', '=', incidentId).executeTakeFirst()
      const progress = await db.selectFrom('case_progress').selectAll().where('incident_id', '=', incidentId).executeTakeFirst()
      if (progress) {
        await db.updateTable('case_progress').set({
          notifications: text(scrubFreeText(json(progress.notifications))), rapid_review: progress.rapid_review === null ? null : text(scrubFreeText(json(progress.rapid_review))),
          practice_review: progress.practice_review === null ? null : text(scrubFreeText(json(progress.practice_review))), extensions: text(scrubFreeText(json(progress.extensions))),
        }).where('incident_id', '=', incidentId).execute()
      }
      const entries = await db.selectFrom('rapid_review_entries').select(['id', 'details']).where('incident_id', '=', incidentId).execute()
      for (const e of entries) await db.updateTable('rapid_review_entries').set({ details: text(scrubFreeText(json(e.details))) }).where('id', '=', e.id).execute()
      const actions = await db.updateTable('learning_actions').set({ description: REMOVED, owner_person: REMOVED, evidence: sql`case when evidence is null then null else ${REMOVED} end` }).where('incident_id', '=', incidentId).executeTakeFirst()
      const emails = await db.deleteFrom('email_outbox').where('incident_id', '=', incidentId).executeTakeFirst()
      return {
        children: children.length, history_comments: Number(events.numUpdatedRows), view_requests: Number(requests.numUpdatedRows), partner_views: Number(views.numUpdatedRows),
        decisions: decisions.length, liaisons: Number(liaisons.numUpdatedRows), case_progress: progress ? 1 : 0, rapid_review_entries: entries.length,
        learning_actions: Number(actions.numUpdatedRows), emails_deleted: Number(emails.numDeletedRows),
      }
    },

    async deleteSessionsExpiredBefore(before: string, dryRun: boolean): Promise<number> {
      if (dryRun) return Number((await db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).where('expires_at', '<=', before).executeTakeFirstOrThrow()).n)
      return Number((await db.deleteFrom('sessions').where('expires_at', '<=', before).executeTakeFirst()).numDeletedRows)
    },

    async deleteEmailsBefore(authorityId: string, before: string, dryRun: boolean): Promise<number> {
      const done = ['sent', 'failed'] as const
      if (dryRun) return Number((await db.selectFrom('email_outbox').select((eb) => eb.fn.countAll().as('n')).where('authority_id', '=', authorityId).where('status', 'in', done).where('created_at', '<=', before).executeTakeFirstOrThrow()).n)
      return Number((await db.deleteFrom('email_outbox').where('authority_id', '=', authorityId).where('status', 'in', done).where('created_at', '<=', before).executeTakeFirst()).numDeletedRows)
    },
  }
}
