// The chronology (issue 5, item 7): every event on the case in date order (the lifecycle history,
// decisions, partners' views, notifications sent, rapid review entries, actions), and its exports
// as CSV (formula injection neutralised) and PDF, each with a justification, audited.
import { caseProgressRepository } from '../data/repositories/case-progress.js'
import { deliberationRepository } from '../data/repositories/decisions.js'
import { incidentsRepository } from '../data/repositories/incidents.js'
import { NOTIFICATION_KIND_LABELS, RECOMMENDATION_LABELS, toCsv, type CaseProgress } from '../domain/after-decision/index.js'
import { CalendarDay } from '../domain/calendar/index.js'
import { DECISION_LABELS, type OwnerDecision } from '../domain/incident/index.js'
import { STATUS_LABELS, type Status } from '../domain/lifecycle/index.js'
import { eventLabel } from '../domain/lifecycle/event-labels.js'
import { inTransaction, type Actor, type Refusal } from './context.js'
import { readCase } from './case-steps.js'
import type { IncidentDeps, InvalidErrors, LoadRefusal } from './incident-access.js'
import { invalidErrors } from './incident-access.js'
import { renderPdf } from './pdf.js'

export interface ChronologyEvent {
  /** An instant, or a legal day for things recorded by date. */
  readonly at: string
  readonly what: string
  readonly who: string
  readonly detail: string
}

// The chronology is read by inspectors and exported: every value in the users' words, never a code.
const words = (code: string): string => code.replace(/_/g, ' ')
const statusWords = (status: string | null): string => STATUS_LABELS[status as Status] ?? words(status ?? '')
const longDate = (day: string): string => CalendarDay.tryParse(day)?.toLongString() ?? day
const VIEW_OF: Readonly<Record<string, string>> = { authority: 'Decision owner’s working view', police: 'Police view', health: 'Health view' }

function progressEvents(progress: CaseProgress): ChronologyEvent[] {
  const out: ChronologyEvent[] = []
  for (const n of progress.notifications) {
    if (n.submission) out.push({ at: n.submission.sentAt, what: `Sent: ${NOTIFICATION_KIND_LABELS[n.kind]}`, who: n.submission.sentBy, detail: `Reference ${n.submission.nationalReference}; to ${n.submission.recipients.join(', ')}${n.submission.lateReason ? `; late: ${n.submission.lateReason}` : ''}` })
    if (n.withdrawal) out.push({ at: n.withdrawal.on, what: 'Notification withdrawn', who: n.withdrawal.by, detail: n.withdrawal.reason })
  }
  if (progress.partnersInformedOn) out.push({ at: progress.partnersInformedOn, what: 'Local safeguarding partners informed', who: '', detail: '' })
  const rr = progress.rapidReview
  if (rr?.sentOn) out.push({ at: rr.sentOn, what: 'Rapid review sent to the Panel', who: '', detail: rr.recommendation ? `Recommendation: ${RECOMMENDATION_LABELS[rr.recommendation]}` : '' })
  if (rr?.panelResponse) out.push({ at: rr.panelResponse.receivedOn, what: 'Panel’s response', who: 'Child Safeguarding Practice Review Panel', detail: `${rr.panelResponse.agreed ? 'Agreed' : 'Did not agree'}. ${rr.panelResponse.comments}` })
  for (const e of progress.extensions) out.push({ at: e.recordedAt, what: `Clock extended to ${longDate(e.newDue)}`, who: e.recordedBy, detail: `${e.reason} (agreed by ${e.agreedBy})` })
  return out
}

export function chronologyService(deps: IncidentDeps) {
  async function build(actor: Actor, incidentId: string, what: string) {
    return inTransaction(deps, async (work) => {
      const read = await readCase(work, actor, incidentId, what)
      if ('ok' in read) return read
      const [events, decisions, views, entries, actions] = await Promise.all([
        incidentsRepository(work.trx).events(incidentId),
        deliberationRepository(work.trx).decisions(incidentId),
        deliberationRepository(work.trx).views(incidentId),
        caseProgressRepository(work.trx).entries(incidentId),
        caseProgressRepository(work.trx).actions(incidentId),
      ])
      const all: ChronologyEvent[] = [
        ...events.map((e) => ({ at: e.at, what: eventLabel(e.action), who: e.actor, detail: [e.from_status !== e.to_status ? `Status: ${statusWords(e.from_status)} to ${statusWords(e.to_status)}` : '', e.comment ?? ''].filter(Boolean).join('. ') })),
        ...decisions.map((d) => ({ at: d.decided_at, what: `Decision: ${DECISION_LABELS[d.decision as OwnerDecision] ?? words(d.decision)}`, who: d.decided_by, detail: d.rationale })),
        ...views.map((v) => ({ at: v.recorded_at, what: `${VIEW_OF[v.kind] ?? words(v.kind)}: ${words(v.view)}`, who: v.recorded_by, detail: v.reasons })),
        ...entries.map((e) => ({ at: e.recorded_at, what: `Rapid review: ${words(e.kind)}${e.agency ? ` (${e.agency})` : ''}`, who: e.recorded_by, detail: Object.values(JSON.parse(e.details) as Record<string, unknown>).filter((v) => v !== null).map((v) => (typeof v === 'string' ? longDate(v) : String(v))).join('; ') })),
        ...actions.map((a) => ({ at: a.created_at, what: `Action (${words(a.source)}): ${words(a.status)}`, who: a.owner_person, detail: `${a.description} Due ${longDate(a.due_on)}.` })),
        ...progressEvents(read.progress),
      ]
      return { ok: true as const, reference: read.stored.reference, authorityId: read.stored.authorityId, events: all.sort((a, b) => a.at.localeCompare(b.at)) }
    })
  }

  /** An export needs a justification (DPA 2018 s62), and is audited with it. */
  async function exported(actor: Actor, incidentId: string, justification: string, format: 'csv' | 'pdf') {
    if (!justification.trim()) return invalidErrors({ justification: 'Enter why you are exporting the chronology' })
    const built = await build(actor, incidentId, `chronology ${format}`)
    if (!built.ok) return built
    await inTransaction(deps, (work) => work.audit(actor, { action: 'chronology.exported', outcome: `done: ${format}`, authorityId: built.authorityId, recordType: 'incident', recordId: incidentId, justification: justification.trim() }))
    return built
  }

  return {
    chronology(actor: Actor, incidentId: string): Promise<{ ok: true; reference: string; events: ChronologyEvent[] } | LoadRefusal> {
      return build(actor, incidentId, 'chronology')
    },

    async chronologyCsv(actor: Actor, incidentId: string, justification: string): Promise<{ ok: true; csv: string; filename: string } | LoadRefusal | InvalidErrors | Refusal<'forbidden'>> {
      const built = await exported(actor, incidentId, justification, 'csv')
      if (!built.ok) return built
      return { ok: true, filename: `${built.reference}-chronology.csv`, csv: toCsv(['When', 'What', 'Who', 'Detail'], built.events.map((e) => [e.at, e.what, e.who, e.detail])) }
    },

    async chronologyPdf(actor: Actor, incidentId: string, justification: string): Promise<{ ok: true; pdf: Buffer; filename: string } | LoadRefusal | InvalidErrors> {
      const built = await exported(actor, incidentId, justification, 'pdf')
      if (!built.ok) return built
      const pdf = await renderPdf(`Chronology: ${built.reference}`, ['OFFICIAL-SENSITIVE'], [{ heading: 'Events', lines: built.events.map((e) => ({ label: `${e.at} ${e.what}`, value: [e.who, e.detail].filter(Boolean).join('. ') || '-' })) }])
      return { ok: true, filename: `${built.reference}-chronology.pdf`, pdf }
    },
  }
}
