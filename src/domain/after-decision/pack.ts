// The notification pack: the facts in the order of the national online form (domain reference
// section 4: notifier and authority, reason and nature, the child, status and agency involvement,
// the incident, next steps), each as a label and a value to copy. Only what the form asks for:
// no case history, no partners' views or comments, no decision rationale.
import { childLabel, ETHNICITY_GROUPS, type Child, type IncidentRecord } from '../incident/index.js'
import type { NotificationKind } from './clocks-for.js'
import { NOTIFICATION_KIND_LABELS } from './progress.js'

export interface PackField { readonly label: string; readonly value: string }
export interface PackSection { readonly heading: string; readonly fields: readonly PackField[] }

export interface PackInput {
  readonly kind: NotificationKind
  readonly children: readonly Child[]
  readonly record: IncidentRecord
  readonly reference: string
  readonly authority: { readonly name: string; readonly ownerName: string | null; readonly ownerTitle: string; readonly ownerEmail: string | null; readonly ownerPhone: string | null }
  readonly partnersInformedOn: string | null
}

const ETHNICITY_NAMES = new Map<string, string>(ETHNICITY_GROUPS.flatMap((g) => g.options.map(([code, name]) => [code, `${g.group}: ${name}`] as [string, string])))
const words = (value: string | undefined | null): string => (value ? value.replace(/_/g, ' ') : 'Not recorded')
const yesNo = (value: boolean | undefined): string => (value === undefined ? 'Not recorded' : value ? 'Yes' : 'No')
const field = (label: string, value: string | undefined | null): PackField => ({ label, value: value && value.length > 0 ? value : 'Not recorded' })
// The national form takes dates as dd/mm/yyyy (domain reference 4.1), so they are copied that way.
const formDate = (iso: string | undefined | null): string | undefined => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : (iso ?? undefined))

function childFields(child: Child, index: number, authorityName: string): PackField[] {
  const n = `Child ${index + 1}`
  return [
    field(`${n}: name`, childLabel(child, index)),
    field(`${n}: date of birth or age`, formDate(child.dateOfBirth) ?? (child.approximateAge !== undefined ? `About ${child.approximateAge} years` : child.nameStatus === 'unborn' ? 'Unborn' : undefined)),
    field(`${n}: sex`, words(child.sex)),
    field(`${n}: ethnicity`, child.ethnicity ? ETHNICITY_NAMES.get(child.ethnicity) : undefined),
    field(`${n}: disability`, words(child.disability)),
    field(`${n}: local authority of normal residence`, child.normallyResident === undefined ? undefined : child.normallyResident ? authorityName : 'Another area'),
    field(`${n}: what happened`, words(child.outcome)),
  ]
}

function statusFields(child: Child, index: number): PackField[] {
  const n = `Child ${index + 1}`
  return [
    field(`${n}: looked after`, yesNo(child.lookedAfter)),
    field(`${n}: care leaver`, yesNo(child.careLeaver)),
    field(`${n}: child protection plan`, words(child.childProtectionPlan)),
    field(`${n}: child in need plan`, words(child.childInNeedPlan)),
    field(`${n}: known to children’s social care`, words(child.knownToSocialCare)),
  ]
}

export function packSections(input: PackInput): PackSection[] {
  const { record, authority, kind } = input
  const where = record.incident.location === 'elsewhere_in_england' ? `Elsewhere in England: ${record.incident.otherAuthorityName ?? ''}` : record.incident.location === 'outside_england' ? `Outside England: ${record.incident.country ?? ''}` : record.incident.location ? `In ${authority.name}’s area` : undefined
  return [
    { heading: 'Notifier and local authority', fields: [
      field('Local authority', authority.name),
      field('Notifier name', authority.ownerName),
      field('Notifier role', authority.ownerTitle),
      field('Notifier telephone', authority.ownerPhone),
      field('Notifier email', authority.ownerEmail),
      field('Our reference', input.reference),
      field('Date the local authority became aware', formDate(record.awareness.awareDate)),
      field('Other local authority involved', record.incident.otherAuthorityName),
    ] },
    { heading: 'Reason for the notification', fields: [
      field('Notification', NOTIFICATION_KIND_LABELS[kind]),
      field('Nature', input.children.some((c) => c.outcome === 'died') ? 'Child death' : 'Serious harm'),
      field('Abuse or neglect known or suspected', words(record.abuse.abuseOrNeglect)),
      field('Incident outside England', yesNo(record.incident.location === undefined ? undefined : record.incident.location === 'outside_england')),
    ] },
    { heading: 'Child details', fields: input.children.flatMap((c, i) => childFields(c, i, authority.name)) },
    { heading: 'Status and agency involvement', fields: [...input.children.flatMap(statusFields), field('Agencies involved', record.safeguarding.agencies)] },
    { heading: 'Incident details', fields: [
      field('Date of incident', record.incident.incidentDateNotKnown ? 'Not known' : formDate(record.incident.incidentDate)),
      field('Location', where),
      field('Case outline', record.incident.outline),
      field('Type of harm', record.abuse.kinds?.map(words).join(', ')),
      field('Other children at risk', words(record.safeguarding.otherChildrenAtRisk)),
      field('Action taken to safeguard', record.safeguarding.actionTaken),
    ] },
    { heading: 'Next steps', fields: [
      field('Safeguarding partners informed (date)', formDate(input.partnersInformedOn)),
      field('Rapid review', kind === 'serious_incident' ? 'Required: within 15 working days of this notification being sent' : 'Not required by this notification'),
      field('Named contact', authority.ownerName ? `${authority.ownerName}, ${authority.ownerTitle}` : authority.ownerTitle),
    ] },
  ]
}
