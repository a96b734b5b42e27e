// The case page: the buttons this user may press, the history, the decision support (the two
// questions, the place test, the looked-after and care-leaver routes, the engine's reasons, what is
// still a judgement and how the answer would change) and the partners' views side by side.
import { eventLabel } from '../../../domain/lifecycle/event-labels.js'
import { childLabel, type AssessmentResult } from '../../../domain/incident/index.js'
import type { LifecycleAction } from '../../../domain/lifecycle/index.js'
import type { Permissions } from '../../../domain/permissions/index.js'
import { ACTION_PERMISSION } from '../../../services/incident-access.js'
import type { IncidentEventRow } from '../../../data/schema.js'
import type { DecisionSupport } from '../../../services/decisions.js'
import type { IncidentView } from '../../../services/incidents.js'
import type { ViewsSideBySide } from '../../../services/partner-views.js'
import { label, LABELS } from './labels.js'
import { isDecided, longDate, workingDaysLeft } from './presenter.js'

const LINKS: Partial<Record<LifecycleAction, { path: string; text: string }>> = {
  update_record: { path: 'record', text: 'Change the incident record' },
  submit: { path: 'check', text: 'Check and send to the decision owner' },
  request_views: { path: 'request-views', text: 'Ask the police and health partners for their views' },
  record_view: { path: 'view', text: 'Record your view' },
  record_working_view: { path: 'view', text: 'Record your working view' },
  adjust_notifications: { path: 'notifications', text: 'Change the notifications' },
  decide_notify: { path: 'decision', text: 'Record the decision' },
  record_liaison: { path: 'liaison', text: 'Record liaison with the other authority' },
  revisit: { path: 'revisit', text: 'Revisit the decision' },
  // After the decision (issue 5); the notifications, reviews and actions have their own pages.
  record_partners_informed: { path: 'partners-informed', text: 'Record the local safeguarding partners as informed' },
  withdraw_notification: { path: 'withdraw', text: 'Withdraw the serious incident notification' },
  contribute_rapid_review: { path: 'rapid-review/contribute', text: 'Add your agency’s information to the rapid review or sign off' },
  extend_clock: { path: 'clocks/extend', text: 'Extend or pause a clock' },
  close: { path: 'close', text: 'Close the case' },
  reopen: { path: 'reopen', text: 'Reopen the case' },
}

/** The lifecycle's actions for this role, less any the user's permissions would refuse. */
export function actionLinks(incident: IncidentView, permissions: Permissions): { href: string; text: string }[] {
  return incident.actions.flatMap((a) => {
    const link = LINKS[a]
    return link && permissions.can(ACTION_PERMISSION[a]) ? [{ href: `/incidents/${incident.id}/${link.path}`, text: link.text }] : []
  })
}


/** Newest first, as a timeline reads; a record's routine saves are left out to keep it readable. */
export function historyItems(events: readonly IncidentEventRow[]) {
  return events
    .filter((e) => e.action !== 'update_record')
    .map((e) => ({ title: eventLabel(e.action), by: e.actor, at: e.at, comment: e.comment }))
    .reverse()
}

function outcomeOf(result: AssessmentResult): string {
  return result.ok ? (LABELS['engine']?.[result.assessment.decision] ?? result.assessment.decision) : 'Not known until the record is complete'
}

export function supportView(incident: IncidentView, support: DecisionSupport, now: Date) {
  const { record } = incident
  const children = record.children.map((c, index) => ({ id: c.id, label: childLabel(c, index), child: c }))
  const nameOf = (id: string) => children.find((c) => c.id === id)?.label ?? 'A child'
  const result = support.assessment
  const pending = result.ok ? result.assessment.pendingJudgement : []
  const deadline = result.ok ? result.assessment.deadline : null
  return {
    deadline: { date: deadline ? longDate(deadline) : null, left: isDecided(incident.status) ? '' : workingDaysLeft(deadline, now) },
    questions: [
      { question: 'Is abuse or neglect known or suspected?', answer: label('abuseOrNeglect', record.abuse.abuseOrNeglect) },
      { question: 'Has a child died or been seriously harmed?', answer: children.map((c) => `${c.label}: ${label('outcome', c.child.outcome).toLowerCase()}`).join('; ') || 'No children recorded' },
    ],
    place: record.incident.location === 'elsewhere_in_england' ? `Elsewhere in England: ${record.incident.otherAuthorityName ?? 'authority not given'}` : record.incident.location === 'outside_england' ? `Outside England: ${record.incident.country ?? 'country not given'}` : label('location', record.incident.location),
    routes: children.map((c) => ({
      label: c.label,
      normallyResident: label('yesNo', c.child.normallyResident),
      lookedAfter: label('yesNo', c.child.lookedAfter),
      careLeaver: label('yesNo', c.child.careLeaver),
    })),
    outcome: outcomeOf(result),
    missing: result.ok ? [] : result.missing,
    reasons: result.ok ? result.assessment.children.map((c) => ({ label: c.label, reasons: c.assessment.reasons })) : [],
    pending: pending.map((p) => (p.judgement === 'abuse_or_neglect' ? 'Whether abuse or neglect is suspected (for the whole incident)' : `Whether ${nameOf(p.childId)} was seriously harmed`)),
    ifYes: outcomeOf(support.ifYes),
    ifNo: outcomeOf(support.ifNo),
    proposed: support.proposed.map((p) => ({ children: p.childIds.map(nameOf).join(', '), reason: p.reason })),
    adjusted: support.adjusted ? { reason: support.adjusted.reason, groups: support.adjusted.groups.map((g) => g.childIds.map(nameOf).join(', ')) } : null,
  }
}

export function viewsView(views: ViewsSideBySide) {
  const column = (kind: 'authority' | 'police' | 'health', title: string) => {
    const view = views.latest[kind]
    return { title, view: view ? label('view', view.view) : 'Not recorded yet', reasons: view?.reasons ?? '', by: view?.recorded_by ?? '', at: view?.recorded_at ?? '' }
  }
  return { columns: [column('authority', 'The authority (working view)'), column('police', 'Police'), column('health', 'Health')], requested: views.requests.length > 0 }
}
