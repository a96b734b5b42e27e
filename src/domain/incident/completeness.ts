// Which answers are still missing: per section for the task list, and all together for "Check
// your answers". A record can be submitted only when nothing is missing (issue 4, item 1).
import { childLabel, SOURCES_NEEDING_DETAIL, type Child, type IncidentRecord, type SectionName } from './fields.js'

export type SectionStatus = 'not_started' | 'in_progress' | 'completed'

export interface Missing {
  readonly section: SectionName
  /** The child the answer is about, for the children section. */
  readonly childId?: string
  readonly field: string
  /** GOV.UK style: says what to do ("Enter…", "Select…"). */
  readonly message: string
}

type Check = readonly [field: string, missing: boolean, message: string]

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === ''

function awarenessChecks(r: IncidentRecord): Check[] {
  const a = r.awareness
  return [
    ['awareDate', a.awareDate === undefined, 'Enter the date you became aware of the incident'],
    ['source', a.source === undefined, 'Select how you became aware of the incident'],
    ['sourceDetail', a.source !== undefined && SOURCES_NEEDING_DETAIL.includes(a.source) && blank(a.sourceDetail), 'Enter who told you about the incident'],
  ]
}

function incidentChecks(r: IncidentRecord): Check[] {
  const i = r.incident
  return [
    ['incidentDate', i.incidentDate === undefined && i.incidentDateNotKnown !== true, 'Enter the date of the incident, or select that it is not known'],
    ['outline', blank(i.outline), 'Enter a case outline'],
    ['location', i.location === undefined, 'Select where the incident happened'],
    ['otherAuthorityName', i.location === 'elsewhere_in_england' && blank(i.otherAuthorityName), 'Enter the local authority where the incident happened'],
    ['country', i.location === 'outside_england' && blank(i.country), 'Enter the country where the incident happened'],
  ]
}

function abuseChecks(r: IncidentRecord): Check[] {
  const a = r.abuse
  const knownOrSuspected = a.abuseOrNeglect === 'known' || a.abuseOrNeglect === 'suspected'
  return [
    ['abuseOrNeglect', a.abuseOrNeglect === undefined, 'Select whether abuse or neglect is known or suspected'],
    ['kinds', knownOrSuspected && (a.kinds ?? []).length === 0, 'Select the kinds of abuse or neglect'],
  ]
}

function safeguardingChecks(r: IncidentRecord): Check[] {
  const s = r.safeguarding
  return [
    ['agencies', blank(s.agencies), 'Enter the agencies involved'],
    ['otherChildrenAtRisk', s.otherChildrenAtRisk === undefined, 'Select whether other children may be at risk'],
    ['otherChildrenDetails', s.otherChildrenAtRisk === 'yes' && blank(s.otherChildrenDetails), 'Enter which other children may be at risk'],
    ['actionTaken', blank(s.actionTaken), 'Enter what has been done to keep children safe'],
  ]
}

export function childChecks(c: Child): Check[] {
  const unborn = c.nameStatus === 'unborn'
  return [
    ['nameStatus', c.nameStatus === undefined, 'Select whether you know the child’s name'],
    ['name', c.nameStatus === 'known' && blank(c.name), 'Enter the child’s name'],
    ['dateOfBirth', !unborn && c.dateOfBirth === undefined && c.approximateAge === undefined, 'Enter the child’s date of birth, or their approximate age'],
    ['sex', c.sex === undefined, 'Select the child’s sex, or not known'],
    ['ethnicity', c.ethnicity === undefined, 'Select the child’s ethnic group, or not known'],
    ['disability', c.disability === undefined, 'Select whether the child has a disability'],
    ['normallyResident', c.normallyResident === undefined, 'Select whether the child normally lives in this authority’s area'],
    ['lookedAfter', c.lookedAfter === undefined, 'Select whether the child is looked after by this authority'],
    ['careLeaver', c.careLeaver === undefined, 'Select whether the child is a care leaver of this authority'],
    ['childProtectionPlan', c.childProtectionPlan === undefined, 'Select whether the child has a child protection plan'],
    ['childInNeedPlan', c.childInNeedPlan === undefined, 'Select whether the child has a child in need plan'],
    ['knownToSocialCare', c.knownToSocialCare === undefined, 'Select whether the child is known to children’s social care'],
    ['education', c.education === undefined, 'Select the child’s school or education status'],
    ['outcome', c.outcome === undefined, 'Select whether the child died or was harmed'],
  ]
}

const SECTION_CHECKS: Record<Exclude<SectionName, 'children'>, (r: IncidentRecord) => Check[]> = {
  awareness: awarenessChecks,
  incident: incidentChecks,
  abuse: abuseChecks,
  safeguarding: safeguardingChecks,
}

function statusOf(checks: readonly Check[], started: boolean): SectionStatus {
  if (!started) return 'not_started'
  return checks.some(([, missing]) => missing) ? 'in_progress' : 'completed'
}

const hasAnswers = (section: object): boolean => Object.values(section).some((v) => v !== undefined)

/** The task list: each section not started, in progress or completed. */
export function sectionStatuses(r: IncidentRecord): Record<SectionName, SectionStatus> {
  const children: SectionStatus =
    r.children.length === 0 ? 'not_started' : r.children.every((c) => childChecks(c).every(([, missing]) => !missing)) ? 'completed' : 'in_progress'
  return {
    awareness: statusOf(awarenessChecks(r), hasAnswers(r.awareness)),
    incident: statusOf(incidentChecks(r), hasAnswers(r.incident)),
    abuse: statusOf(abuseChecks(r), hasAnswers(r.abuse)),
    safeguarding: statusOf(safeguardingChecks(r), hasAnswers(r.safeguarding)),
    children,
  }
}

/** Everything still missing, in page order; empty when the record can be submitted. */
export function checkAnswers(r: IncidentRecord): Missing[] {
  const missing: Missing[] = []
  for (const [section, checks] of Object.entries(SECTION_CHECKS) as [Exclude<SectionName, 'children'>, (r: IncidentRecord) => Check[]][]) {
    for (const [field, isMissing, message] of checks(r)) if (isMissing) missing.push({ section, field, message })
  }
  if (r.children.length === 0) missing.push({ section: 'children', field: 'children', message: 'Add at least one child' })
  r.children.forEach((child, index) => {
    for (const [field, isMissing, message] of childChecks(child)) {
      if (isMissing) missing.push({ section: 'children', childId: child.id, field, message: `${childLabel(child, index)}: ${message}` })
    }
  })
  return missing
}
