// The notifications a decision to notify owes (issue 5, items 1 and 2): the list with recipients
// and deadlines, the pack in the national form's order (and as a PDF), recording each one as sent,
// the local partners informed, and withdrawing a serious incident notification (R11).
import { authoritiesRepository } from '../data/repositories/authorities.js'
import type { StoredIncident } from '../data/repositories/incidents.js'
import { CalendarDay } from '../domain/calendar/index.js'
import {
  clockFacts, clocksFor, NOTIFICATION_KIND_LABELS, packSections, RECIPIENTS, type CaseProgress, type ClockView, type NotificationRecord, type PackSection,
} from '../domain/after-decision/index.js'
import { inTransaction, refuse, type Actor, type Refusal } from './context.js'
import { auditView, caseStep, fail, isDay, loadCaseUnviewed, readCase, text, type CaseStepResult, type Errors } from './case-steps.js'
import { actorLabel, londonDay, type IncidentDeps, type LoadRefusal } from './incident-access.js'
import { renderPdf } from './pdf.js'

export interface NotificationOwed extends NotificationRecord {
  readonly label: string
  readonly recipients: readonly string[]
  readonly clock: ClockView | null
}

export interface SubmissionInput {
  /** When it was sent: an ISO instant (the form's date and time). */
  readonly sentAt: string
  readonly nationalReference: string
  readonly sentBy: string
  /** Required when sent after the due date. */
  readonly lateReason?: string
  readonly partnersInformedOn?: string
}

export function notificationService(deps: IncidentDeps) {
  const clocksOf = (stored: StoredIncident, progress: CaseProgress, now: Date) =>
    clocksFor(clockFacts(progress, stored.record.awareness.awareDate ?? null, stored.status === 'closed' || stored.status === 'withdrawn'), deps.calendar, londonDay(now))

  const owedView = (stored: StoredIncident, progress: CaseProgress, now: Date): NotificationOwed[] => {
    const clocks = clocksOf(stored, progress, now)
    return progress.notifications.map((n) => ({ ...n, label: NOTIFICATION_KIND_LABELS[n.kind], recipients: RECIPIENTS[n.kind], clock: clocks.find((c) => c.key === `notification:${n.id}`) ?? null }))
  }

  /** The pack for one notification, audited as a disclosure with the user's justification. */
  function pack(actor: Actor, incidentId: string, notificationId: string, justification: string, as: 'pack' | 'pdf') {
    return inTransaction(deps, async (work) => {
      const read = await loadCaseUnviewed(work, actor, incidentId)
      if ('ok' in read) return read
      const { stored, progress } = read
      // A refused pack shows nothing, so it is no view of the case to record.
      const owed = owedView(stored, progress, work.now).find((n) => n.id === notificationId)
      if (!owed) return refuse('not-found')
      if (!justification.trim()) return { ok: false as const, reason: 'invalid' as const, errors: { justification: 'Enter why you need the notification pack' } }
      await auditView(work, actor, stored, `notification ${as}`)
      const authority = await authoritiesRepository(work.trx).findById(stored.authorityId)
      const sections = packSections({
        kind: owed.kind, children: stored.record.children.filter((c) => owed.childIds.includes(c.id)), record: stored.record, reference: stored.reference, partnersInformedOn: progress.partnersInformedOn,
        authority: { name: authority?.name ?? '', ownerName: authority?.decision_owner_name ?? null, ownerTitle: authority?.decision_owner_title ?? '', ownerEmail: authority?.decision_owner_email ?? null, ownerPhone: authority?.decision_owner_phone ?? null },
      })
      await work.audit(actor, { action: as === 'pdf' ? 'notification.pack-exported' : 'notification.pack-disclosed', outcome: `done: ${owed.kind}`, authorityId: stored.authorityId, recordType: 'incident', recordId: stored.id, justification: justification.trim() })
      return { ok: true as const, notification: owed, sections, reference: stored.reference }
    })
  }

  return {
    /** Every notification the decision owes, with who it reaches, its deadline and whether it was sent. */
    owed(actor: Actor, incidentId: string): Promise<{ ok: true; version: number; notifications: NotificationOwed[]; partnersInformedOn: string | null } | LoadRefusal> {
      return inTransaction(deps, async (work) => {
        const read = await readCase(work, actor, incidentId, 'notifications')
        if ('ok' in read) return read
        return { ok: true, version: read.stored.version, notifications: owedView(read.stored, read.progress, work.now), partnersInformedOn: read.progress.partnersInformedOn }
      })
    },

    /** The facts in the national form's order, each to copy; with who it reaches and its deadline. */
    notificationPack(actor: Actor, incidentId: string, notificationId: string, justification: string): Promise<{ ok: true; notification: NotificationOwed; sections: PackSection[]; reference: string } | LoadRefusal | Refusal<'invalid'>> {
      return pack(actor, incidentId, notificationId, justification, 'pack')
    },

    /** The same pack as a text PDF (for the file, or to complete the form from). */
    async notificationPackPdf(actor: Actor, incidentId: string, notificationId: string, justification: string): Promise<{ ok: true; pdf: Buffer; filename: string } | LoadRefusal | Refusal<'invalid'>> {
      const result = await pack(actor, incidentId, notificationId, justification, 'pdf')
      if (!result.ok) return result
      const n = result.notification
      const due = n.clock ? `Due by ${CalendarDay.parse(n.clock.due).toLongString()} (${n.clock.citation})` : ''
      const pdf = await renderPdf(`${n.label}: ${result.reference}`, [`Reaches: ${n.recipients.join(', ')}`, due, 'OFFICIAL-SENSITIVE'], result.sections.map((s) => ({ heading: s.heading, lines: s.fields })))
      return { ok: true, pdf, filename: `${result.reference}-${n.kind}.pdf` }
    },

    /**
     * Records a notification as sent (decision owner or business unit: 'notification:submit').
     * Recording the serious incident notification starts the rapid review, whose 15 working days
     * run from the date it was sent (Working Together 2023 ch 5; R16).
     */
    recordSubmission(actor: Actor, incidentId: string, version: number, notificationId: string, input: SubmissionInput): CaseStepResult {
      const step = {
        permission: 'notification:submit' as const,
        choose: (stored: StoredIncident) => {
          const serious = notificationId.startsWith('serious_incident:') && ['decided_notify', 'notification_sent'].includes(stored.status)
          return { action: serious ? 'record_serious_incident_notification' as const : 'record_notification' as const, detail: notificationId.split(':')[0] }
        },
      }
      return caseStep(deps, actor, incidentId, version, step, async (work, stored, progress) => {
        const errors: Errors = {}
        const target = progress.notifications.find((n) => n.id === notificationId)
        if (!target) return { notificationId: 'Select a notification from this case' }
        if (target.submission) errors.notificationId = 'This notification has already been recorded as sent'
        const sentAt = new Date(input.sentAt)
        if (Number.isNaN(sentAt.getTime())) errors.sentAt = 'Enter the date and time the notification was sent'
        else if (sentAt > work.now) errors.sentAt = 'Date and time sent must be in the past'
        if (!text(input.nationalReference)) errors.nationalReference = 'Enter the reference the national form gave'
        if (!text(input.sentBy)) errors.sentBy = 'Enter who sent the notification'
        if (input.partnersInformedOn && !isDay(input.partnersInformedOn)) errors.partnersInformedOn = 'Enter a real date'
        if (Object.keys(errors).length > 0) return errors
        const sentOn = londonDay(sentAt).toString()
        const clock = clocksOf(stored, progress, work.now).find((c) => c.key === `notification:${notificationId}`)
        const late = clock ? CalendarDay.parse(sentOn).isAfter(CalendarDay.parse(clock.due)) : false
        if (late && !text(input.lateReason)) return { lateReason: 'Enter why the notification was sent after it was due' }
        const submission = { sentAt: sentAt.toISOString(), sentOn, nationalReference: text(input.nationalReference), sentBy: text(input.sentBy), recipients: RECIPIENTS[target.kind], lateReason: late ? text(input.lateReason) : null, recordedBy: actorLabel(actor) }
        const startsReview = target.kind === 'serious_incident' && !progress.rapidReview
        return {
          ...progress,
          notifications: progress.notifications.map((n) => (n.id === notificationId ? { ...n, submission } : n)),
          partnersInformedOn: input.partnersInformedOn ?? progress.partnersInformedOn,
          rapidReview: startsReview ? { startedOn: sentOn, sentOn: null, stoodDown: null, recommendation: null, criteria: null, recommendationReasons: null, panelResponse: null } : progress.rapidReview,
        }
      })
    },

    /** The local safeguarding partners informed (WT 2023 ch 5: within the same 5 working days, R4). */
    recordPartnersInformed(actor: Actor, incidentId: string, version: number, informedOn: string): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'record_partners_informed', permission: 'notification:submit' }, async (work, _stored, progress) => {
        if (!isDay(informedOn) || CalendarDay.parse(informedOn).isAfter(londonDay(work.now))) return fail('informedOn', 'Enter the date the partners were informed, today or earlier')
        return { ...progress, partnersInformedOn: informedOn }
      })
    },

    /**
     * Withdraws a serious incident notification later found not to meet the criteria; its rapid
     * review stands down. Panel FAQ: a rapid review is required "unless it is subsequently
     * determined that the case does not meet the criteria for a Serious Incident Notification" (R11).
     */
    withdraw(actor: Actor, incidentId: string, version: number, reason: string): CaseStepResult {
      return caseStep(deps, actor, incidentId, version, { action: 'withdraw_notification', permission: 'notification:submit', comment: reason }, async (work, _stored, progress) => {
        if (!text(reason)) return { comment: 'Enter why the incident does not meet the criteria for a notification' }
        const on = londonDay(work.now).toString()
        const withdrawal = { on, reason: text(reason), by: actorLabel(actor) }
        return {
          ...progress,
          notifications: progress.notifications.map((n) => (n.kind === 'serious_incident' && n.submission ? { ...n, withdrawal } : n)),
          rapidReview: progress.rapidReview ? { ...progress.rapidReview, stoodDown: { on, reason: text(reason) } } : null,
        }
      })
    },
  }
}
