// The words of each email, in plain English (GOV.UK style). They hold a case reference, what is
// due, the due date and a link: never a child's name or any detail of what happened.
import { CalendarDay } from '../calendar/index.js'
import type { DueItem } from './due.js'
import type { EmailKind } from './schedule.js'

export interface EmailMessage {
  readonly subject: string
  readonly body: string
}

function longDate(day: string): string {
  return CalendarDay.parse(day).toLongStringWithWeekday()
}

const SIGN_OFF = 'This is an automatic email from the Serious incident notifications service. Do not reply to it.'

export function caseLink(baseUrl: string, incidentId: string): string {
  return `${baseUrl.replace(/\/$/, '')}/incidents/${incidentId}`
}

/** An alert, reminder or escalation about one case. */
export function composeEmail(kind: Exclude<EmailKind, 'digest'>, item: DueItem, baseUrl: string): EmailMessage {
  const due = longDate(item.dueDate)
  const what = `${item.clockName} is due by ${due}.`
  const headline = {
    alert: { subject: `New case ${item.reference} needs a decision by ${due}`, lead: `Case ${item.reference} has been sent to the decision owner. The 5 working day clock has already started.` },
    reminder: { subject: `Reminder: case ${item.reference} is due by ${due}`, lead: `Case ${item.reference} is due soon.` },
    due_today: { subject: `Case ${item.reference} is due today`, lead: `Case ${item.reference} is due today.` },
    overdue: { subject: `Overdue: case ${item.reference} was due by ${due}`, lead: `Case ${item.reference} is overdue. This email has also gone to the decision owner and the business unit.` },
  }[kind]
  const body = [headline.lead, '', what, '', `Open the case: ${caseLink(baseUrl, item.incidentId)}`, '', SIGN_OFF].join('\n')
  return { subject: headline.subject, body }
}

/** One email a day listing what is due, soonest first. */
export function composeDigest(items: readonly DueItem[], today: string, baseUrl: string): EmailMessage {
  const sorted = [...items].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference))
  const lines = sorted.map((item) => `- ${item.reference}: ${item.clockName}, due by ${longDate(item.dueDate)}. ${caseLink(baseUrl, item.incidentId)}`)
  const count = items.length === 1 ? '1 case needs' : `${items.length} cases need`
  return {
    subject: `${count} action: what is due on ${longDate(today)}`,
    body: [`${count} action.`, '', ...lines, '', SIGN_OFF].join('\n'),
  }
}
