// The case page's part after the decision to notify: the notifications owed (each with its
// pack, deadline and whether it was sent), every clock on the case, and links to the rapid
// review, the practice review, the actions and the chronology.
import type { FastifyRequest } from 'fastify'
import type { Status } from '../../../domain/lifecycle/index.js'
import type { IncidentView } from '../../../services/incidents.js'
import { actorOf } from '../../actor.js'
import type { WebServices } from '../../services.js'
import { dateTimeText } from './time-text.js'
import { longDate } from '../incidents/presenter.js'
import { clockRow } from './presenter.js'

const BEFORE: readonly Status[] = ['draft', 'awaiting_discussion', 'partners_consulted', 'decided_do_not_notify', 'decided_refer_to_other_authority']

export async function afterDecisionSection(services: WebServices, request: FastifyRequest, incident: IncidentView) {
  if (BEFORE.includes(incident.status)) return null
  const actor = actorOf(request)
  const [owed, clocks] = await Promise.all([services.notifications.owed(actor, incident.id), services.clocks.clocks(actor, incident.id)])
  if (!owed.ok || !clocks.ok) return null
  const base = `/incidents/${incident.id}`
  const mayRecord = incident.actions.includes('record_notification') && request.permissions.can('notification:submit')
  return {
    notifications: owed.notifications.map((n) => {
      const href = `${base}/notification/${encodeURIComponent(n.id)}`
      const sent = n.submission ? `Sent ${dateTimeText(n.submission.sentAt)} by ${n.submission.sentBy}, reference ${n.submission.nationalReference}${n.submission.lateReason ? `. Late: ${n.submission.lateReason}` : ''}` : 'Not sent yet'
      return {
        title: n.label,
        rows: [
          { key: { text: 'Reaches' }, value: { text: n.recipients.join(', ') } },
          { key: { text: 'Due by' }, value: { text: n.clock ? longDate(n.clock.due) : 'Not known' } },
          { key: { text: 'Sent' }, value: { text: n.withdrawal ? `${sent}. Withdrawn on ${longDate(n.withdrawal.on)}: ${n.withdrawal.reason}` : sent } },
        ],
        links: request.permissions.can('notification:submit')
          ? [{ href, text: 'Show the notification pack' }, ...(mayRecord && !n.submission ? [{ href: `${href}/sent`, text: 'Record as sent' }] : [])]
          : [],
      }
    }),
    partnersInformed: owed.partnersInformedOn ? longDate(owed.partnersInformedOn) : 'Not recorded',
    clocks: clocks.clocks.map(clockRow),
    links: [
      { href: `${base}/rapid-review`, text: 'Rapid review' },
      { href: `${base}/practice-review`, text: 'Practice review' },
      { href: `${base}/actions`, text: 'Learning and actions' },
      { href: `${base}/chronology`, text: 'Chronology' },
    ],
  }
}
