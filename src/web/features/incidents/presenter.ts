// Incidents as the pages show them: the worklist's rows, the forms' values from the record, and
// "Check your answers" as summary lists with Change links.
import { loadBundledCalendar } from '../../../calendar/bundled.js'
import { CalendarDay } from '../../../domain/calendar/index.js'
import { childLabel, type Child, type IncidentRecord } from '../../../domain/incident/index.js'
import type { IncidentSummary, IncidentView } from '../../../services/incidents.js'
import { londonDay } from '../../../services/incident-access.js'
import { label, statusTag } from './labels.js'

// The same bundled calendar the services count deadlines with, for "working days left".
const calendar = loadBundledCalendar()

/** The day in England now (the services' londonDay, whose formatter is made once). */
export function londonToday(now: Date): CalendarDay {
  return londonDay(now)
}

export function longDate(iso: string | null | undefined): string {
  const day = iso ? CalendarDay.tryParse(iso) : undefined
  return day ? day.toLongString() : 'Not known'
}

/** "3 working days left", "due today" or "overdue by 2 working days". */
export function workingDaysLeft(deadline: string | null, now: Date): string {
  const due = deadline ? CalendarDay.tryParse(deadline) : undefined
  if (!due) return 'No deadline until the date of awareness is recorded'
  const today = londonToday(now)
  if (due.toString() === today.toString()) return 'Due today'
  if (due.isAfter(today)) {
    const left = calendar.countWorkingDays(today, due)
    return `${left} working ${left === 1 ? 'day' : 'days'} left`
  }
  const over = calendar.countWorkingDays(due, today)
  return `Overdue by ${over} working ${over === 1 ? 'day' : 'days'}`
}

/** Once decided, the deadline is history: counting days left or overdue would only alarm. */
export const isDecided = (status: string): boolean => status.startsWith('decided')

export function listRows(incidents: readonly IncidentSummary[], now: Date) {
  return incidents.map((i) => ({
    id: i.id, reference: i.reference, tag: statusTag(i.status), childCount: i.childCount, aware: longDate(i.awareDate),
    deadline: i.deadline ? longDate(i.deadline) : 'Not known', left: i.deadline && !isDecided(i.status) ? workingDaysLeft(i.deadline, now) : '',
  }))
}

const dateValues = (name: string, iso: string | undefined): Record<string, string> => {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-')
  return { [`${name}-day`]: day.replace(/^0/, ''), [`${name}-month`]: month.replace(/^0/, ''), [`${name}-year`]: year }
}
const yesNo = (v: boolean | undefined): string => (v === undefined ? '' : v ? 'yes' : 'no')

/** The forms' values from the record: what a page shows before the user changes anything. */
export function sectionValues(record: IncidentRecord): Record<string, Record<string, unknown>> {
  const { awareness: a, incident: i, abuse, safeguarding } = record
  return {
    awareness: { ...a, ...dateValues('awareDate', a.awareDate) },
    incident: { ...i, ...dateValues('incidentDate', i.incidentDate), incidentDateNotKnown: i.incidentDateNotKnown ? ['yes'] : [], exploitationOperation: yesNo(i.exploitationOperation) },
    abuse: { abuseOrNeglect: abuse.abuseOrNeglect, kinds: abuse.kinds ?? [] },
    safeguarding: { ...safeguarding },
  }
}

export function childValues(child: Child | undefined): Record<string, unknown> {
  if (!child) return {}
  return {
    ...child, ...dateValues('dateOfBirth', child.dateOfBirth), approximateAge: child.approximateAge === undefined ? '' : String(child.approximateAge),
    normallyResident: yesNo(child.normallyResident), lookedAfter: yesNo(child.lookedAfter), careLeaver: yesNo(child.careLeaver),
  }
}

type Row = { key: { text: string }; value: { text: string }; actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] } }
/** `about` names the child, so each Change link is unique for screen reader users. */
const row = (key: string, value: string, href?: string, about = ''): Row => ({
  key: { text: key }, value: { text: value }, ...(href ? { actions: { items: [{ href, text: 'Change', visuallyHiddenText: `${key.toLowerCase()}${about}` }] } } : {}),
})

/** "Check your answers": one card per section and per child; Change links only for those who may change. */
export function answerCards(incident: IncidentView, canChange: boolean) {
  const { record, id } = incident
  const link = (path: string) => (canChange ? `/incidents/${id}/${path}` : undefined)
  const a = record.awareness
  const i = record.incident
  const where = i.location === 'elsewhere_in_england' ? `${label('location', i.location)}: ${i.otherAuthorityName ?? ''}` : i.location === 'outside_england' ? `${label('location', i.location)}: ${i.country ?? ''}` : label('location', i.location)
  const cards = [
    { title: 'How you became aware', rows: [
      row('Date you became aware', longDate(a.awareDate), link('record/awareness')),
      row('How you became aware', label('source', a.source) + (a.sourceDetail ? ` (${a.sourceDetail})` : ''), link('record/awareness')),
    ] },
    { title: 'The incident', rows: [
      row('Date of incident', i.incidentDateNotKnown ? 'Not known' : longDate(i.incidentDate), link('record/incident')),
      row('Where it happened', where, link('record/incident')),
      row('Case outline', i.outline ?? 'Not answered', link('record/incident')),
      row('Part of a large exploitation operation', label('yesNo', i.exploitationOperation), link('record/incident')),
    ] },
    { title: 'Abuse or neglect', rows: [
      row('Abuse or neglect', label('abuseOrNeglect', record.abuse.abuseOrNeglect), link('record/abuse')),
      row('Kinds', label('kinds', record.abuse.kinds ?? []), link('record/abuse')),
    ] },
    { title: 'Keeping children safe', rows: [
      row('Agencies involved', record.safeguarding.agencies ?? 'Not answered', link('record/safeguarding')),
      row('Other children who may be at risk', label('yesNoNotKnown', record.safeguarding.otherChildrenAtRisk) + (record.safeguarding.otherChildrenDetails ? `: ${record.safeguarding.otherChildrenDetails}` : ''), link('record/safeguarding')),
      row('What has been done', record.safeguarding.actionTaken ?? 'Not answered', link('record/safeguarding')),
    ] },
  ]
  const children = record.children.map((c, index) => ({ title: childLabel(c, index), rows: childRows(c, link(`children/${c.id}`), ` for ${childLabel(c, index)}`) }))
  return [...cards, ...children]
}

function childRows(c: Child, href: string | undefined, about: string): Row[] {
  const age = c.nameStatus === 'unborn' ? 'Unborn' : c.dateOfBirth ? longDate(c.dateOfBirth) : c.approximateAge !== undefined ? `About ${c.approximateAge}` : 'Not answered'
  const answers: [string, string][] = [
    ['Date of birth or age', age],
    ['What happened to the child', label('outcome', c.outcome)],
    ['Sex', label('sex', c.sex)],
    ['Ethnic group', label('ethnicity', c.ethnicity)],
    ['Disability', label('yesNoNotKnown', c.disability)],
    ['Normally lives in this area', label('yesNo', c.normallyResident)],
    ['Looked after by this authority', label('yesNo', c.lookedAfter)],
    ['Care leaver of this authority', label('yesNo', c.careLeaver)],
    ['Child protection plan', label('childProtectionPlan', c.childProtectionPlan)],
    ['Child in need plan', label('yesNoNotKnown', c.childInNeedPlan)],
    ['Known to children’s social care', label('yesNoNotKnown', c.knownToSocialCare)],
    ['School or education', label('education', c.education)],
    ['Sibling group', c.siblingGroup ?? 'None'],
  ]
  return answers.map(([key, value]) => row(key, value, href, about))
}
