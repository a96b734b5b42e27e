// A subject access request (UK GDPR Art 15): everything the service holds about one child, from
// every table that refers to their case, as one JSON document (and, in the web layer, a readable
// page). Only roles with 'export' may make one, in their own authority (another authority's child
// is "not found"); a justification is required (DPA 2018 s62 style) and the export is audited.
// Other children on the same record are left out: their details are dropped, and their names are
// replaced wherever they appear in text. The authority still reviews the export for third
// parties' information before disclosing it (DPA 2018 Sch 2 Part 3 para 16); see docs/retention.md.
import { toChainedEntry } from '../data/repositories/audit.js'
import { caseProgressRepository } from '../data/repositories/case-progress.js'
import { deliberationRepository } from '../data/repositories/decisions.js'
import { incidentsRepository } from '../data/repositories/incidents.js'
import { replaceNames } from '../domain/retention/index.js'
import { inTransaction, type Actor } from './context.js'
import { invalidErrors, loadIncident, isRefusal, type IncidentDeps, type InvalidErrors, type LoadRefusal } from './incident-access.js'


/** The export: each key is one kind of record, in the order a reader meets them. */
export interface SubjectAccessExport {
  readonly exportedAt: string
  readonly reference: string
  readonly child: Record<string, unknown>
  readonly otherChildrenLeftOut: number
  readonly incident: Record<string, unknown>
  readonly history: readonly Record<string, unknown>[]
  readonly partnerViewRequests: readonly Record<string, unknown>[]
  readonly partnerViews: readonly Record<string, unknown>[]
  readonly decisions: readonly Record<string, unknown>[]
  readonly otherAuthorityLiaisons: readonly Record<string, unknown>[]
  readonly notificationsAndReviews: Record<string, unknown> | null
  readonly rapidReviewEntries: readonly Record<string, unknown>[]
  readonly learningActions: readonly Record<string, unknown>[]
  readonly emails: readonly Record<string, unknown>[]
  readonly auditEntries: readonly Record<string, unknown>[]
}

export const SUBJECT_ACCESS_SECTIONS: readonly { key: keyof SubjectAccessExport; title: string }[] = [
  { key: 'child', title: 'The child' },
  { key: 'incident', title: 'The incident record' },
  { key: 'history', title: 'Case history (chronology)' },
  { key: 'partnerViewRequests', title: 'Requests for partners’ views' },
  { key: 'partnerViews', title: 'Partners’ views' },
  { key: 'decisions', title: 'Decisions' },
  { key: 'otherAuthorityLiaisons', title: 'Liaison with other authorities' },
  { key: 'notificationsAndReviews', title: 'Notifications, rapid review and practice review' },
  { key: 'rapidReviewEntries', title: 'Rapid review entries' },
  { key: 'learningActions', title: 'Learning actions' },
  { key: 'emails', title: 'Alerts and reminders sent' },
  { key: 'auditEntries', title: 'Audit trail entries about the case' },
]

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text))
type Row = Record<string, unknown>
const withoutIncidentId = ({ incident_id: _i, ...rest }: Row): Row => rest

export function subjectAccessService(deps: IncidentDeps) {
  return {
    async exportChild(actor: Actor, incidentId: string, childId: string, justification: string): Promise<{ ok: true; data: SubjectAccessExport } | LoadRefusal | InvalidErrors> {
      const why = justification.trim()
      if (!why) return invalidErrors({ justification: 'Enter why you are exporting this child’s information, for example the subject access request’s reference' })
      if (why.length > 2000) return invalidErrors({ justification: 'Why you need it must be 2,000 characters or fewer' })
      return inTransaction(deps, async (work) => {
        const stored = await loadIncident(work, actor, incidentId, 'export')
        if (isRefusal(stored)) return stored
        const index = stored.record.children.findIndex((c) => c.id === childId)
        const child = stored.record.children[index]
        if (!child) {
          await work.audit(actor, { action: 'access.refused', outcome: 'refused: not-found', authorityId: stored.authorityId, recordType: 'child', recordId: childId })
          return { ok: false as const, reason: 'not-found' as const }
        }
        const others = stored.record.children.filter((c) => c.id !== childId)
        const hide = new Map(others.flatMap((c) => [[c.id, 'another child'] as const, ...(c.name ? [[c.name, 'another child'] as const] : [])]))
        const clean = <T>(value: T): T => replaceNames(value, hide) as T
        const trx = work.trx
        const deliberation = deliberationRepository(trx)
        const progressRepo = caseProgressRepository(trx)
        const [row, events, requests, views, decisions, liaisons, progress, entries, actions, emails, audit] = await Promise.all([
          trx.selectFrom('incidents').select(['anonymised_at']).where('id', '=', incidentId).executeTakeFirstOrThrow(),
          incidentsRepository(trx).events(incidentId), deliberation.viewRequests(incidentId), deliberation.views(incidentId), deliberation.decisions(incidentId), deliberation.liaisons(incidentId),
          trx.selectFrom('case_progress').selectAll().where('incident_id', '=', incidentId).executeTakeFirst(),
          progressRepo.entries(incidentId), progressRepo.actions(incidentId),
          trx.selectFrom('email_outbox').select(['id', 'kind', 'recipient', 'subject', 'body', 'status', 'created_at', 'sent_at']).where('incident_id', '=', incidentId).orderBy('created_at').execute(),
          trx.selectFrom('audit_entries').selectAll().where('record_id', 'in', [incidentId, childId]).orderBy('seq').execute(),
        ])
        const { children: _all, ...sections } = stored.record
        const data: SubjectAccessExport = clean({
          exportedAt: work.now.toISOString(),
          reference: stored.reference,
          child: { ...child, positionOnRecord: index + 1 },
          otherChildrenLeftOut: others.length,
          incident: { reference: stored.reference, status: stored.status, createdAt: stored.createdAt, updatedAt: stored.updatedAt, anonymisedAt: row.anonymised_at, ...sections },
          history: events.map((e) => withoutIncidentId({ ...e })),
          partnerViewRequests: requests.map((r) => withoutIncidentId({ ...r })),
          partnerViews: views.map((v) => withoutIncidentId({ ...v })),
          decisions: decisions.map((d) => {
            const facts = parse(d.facts) as { children?: { id?: string }[] } & Row
            return withoutIncidentId({ ...d, departs_from_engine: Boolean(d.departs_from_engine), judgements: parse(d.judgements), partners_consulted: parse(d.partners_consulted), engine_outcome: parse(d.engine_outcome), facts: { ...facts, children: (facts.children ?? []).filter((c) => c.id === childId) } })
          }),
          otherAuthorityLiaisons: liaisons.map((l) => withoutIncidentId({ ...l })),
          notificationsAndReviews: progress ? {
            notifications: (parse(progress.notifications) as { childIds?: string[] }[]).filter((n) => !n.childIds || n.childIds.includes(childId)),
            partnersInformedOn: progress.partners_informed_on, rapidReview: parse(progress.rapid_review), practiceReview: parse(progress.practice_review), extensions: parse(progress.extensions),
          } : null,
          rapidReviewEntries: entries.map((e) => withoutIncidentId({ ...e, details: parse(e.details) })),
          learningActions: actions.map((a) => withoutIncidentId({ ...a, agencies: parse(a.agencies) })),
          emails: emails.map((e) => ({ ...e })),
          auditEntries: audit.map((a) => {
            const { prevHash: _p, hash: _h, personalDigest: _d, personalSalt: _s, ...entry } = toChainedEntry(a)
            return { ...entry }
          }),
        })
        await work.audit(actor, { action: 'subject-access.exported', outcome: 'done', authorityId: stored.authorityId, recordType: 'child', recordId: childId, justification: why })
        return { ok: true as const, data }
      })
    },
  }
}
