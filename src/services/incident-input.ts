// The format of each section as the pages send it, checked on the server (issue 4, item 7). Every
// answer is optional while the record is a draft; what is missing is completeness's business. The
// messages follow the GOV.UK Design System's error message patterns, keyed by field.
import { z } from 'zod'
import { CalendarDay } from '../domain/calendar/index.js'
import {
  ABUSE_KINDS, AWARENESS_SOURCES, CHILD_PROTECTION_PLANS, EDUCATION_STATUSES, ETHNICITIES, NAME_STATUSES, SEXES, YES_NO_NOT_KNOWN,
  type AbuseSection, type AwarenessSection, type ChildDetails, type IncidentSection, type SafeguardingSection,
} from '../domain/incident/index.js'
import { ABUSE_OR_NEGLECT, LOCATIONS, OUTCOMES } from '../domain/notification/index.js'

const text = (max: number, label: string) => z.string().trim().max(max, { message: `${label} must be ${max} characters or fewer` }).optional().transform((v) => (v ? v : undefined))
const date = (label: string) =>
  z.string().optional().refine((v) => v === undefined || CalendarDay.tryParse(v) !== undefined, { message: `${label} must be a real date` })
const choice = <T extends string>(values: readonly [T, ...T[]], message: string) => z.enum(values, { message }).optional()
const flag = (message: string) => z.boolean({ message }).optional()

const awareness = z.object({
  awareDate: date('Date you became aware'),
  source: choice(AWARENESS_SOURCES, 'Select how you became aware of the incident'),
  sourceDetail: text(200, 'Who told you'),
})

const incident = z.object({
  incidentDate: date('Date of incident'),
  incidentDateNotKnown: flag('Select whether the date of the incident is known'),
  outline: text(5000, 'Case outline'),
  location: choice(LOCATIONS, 'Select where the incident happened'),
  otherAuthorityName: text(200, 'Local authority name'),
  country: text(100, 'Country'),
  exploitationOperation: flag('Select whether this is part of a large exploitation operation'),
})

const abuse = z.object({
  abuseOrNeglect: choice(ABUSE_OR_NEGLECT, 'Select whether abuse or neglect is known or suspected'),
  kinds: z.array(z.enum(ABUSE_KINDS, { message: 'Select the kinds of abuse or neglect from the list' })).optional(),
})

const safeguarding = z.object({
  agencies: text(2000, 'Agencies involved'),
  otherChildrenAtRisk: choice(YES_NO_NOT_KNOWN, 'Select whether other children may be at risk'),
  otherChildrenDetails: text(2000, 'Other children at risk'),
  actionTaken: text(5000, 'What has been done to keep children safe'),
})

const child = z.object({
  nameStatus: choice(NAME_STATUSES, 'Select whether you know the child’s name'),
  name: text(200, 'Child’s name'),
  dateOfBirth: date('Date of birth'),
  approximateAge: z.number({ message: 'Approximate age must be a number' }).int({ message: 'Approximate age must be a whole number of years' }).min(0, { message: 'Approximate age must be 0 or more' }).max(30, { message: 'Approximate age must be 30 or less' }).optional(),
  sex: choice(SEXES, 'Select the child’s sex, or not known'),
  ethnicity: z.enum(ETHNICITIES as [string, ...string[]], { message: 'Select the child’s ethnic group from the list' }).optional(),
  disability: choice(YES_NO_NOT_KNOWN, 'Select whether the child has a disability'),
  normallyResident: flag('Select whether the child normally lives in this authority’s area'),
  lookedAfter: flag('Select whether the child is looked after by this authority'),
  careLeaver: flag('Select whether the child is a care leaver of this authority'),
  childProtectionPlan: choice(CHILD_PROTECTION_PLANS, 'Select whether the child has a child protection plan'),
  childInNeedPlan: choice(YES_NO_NOT_KNOWN, 'Select whether the child has a child in need plan'),
  knownToSocialCare: choice(YES_NO_NOT_KNOWN, 'Select whether the child is known to children’s social care'),
  education: choice(EDUCATION_STATUSES, 'Select the child’s school or education status'),
  siblingGroup: text(20, 'Sibling group'),
  outcome: choice(OUTCOMES, 'Select whether the child died or was harmed'),
})

export const SECTION_SCHEMAS = { awareness, incident, abuse, safeguarding } as const
export type EditableSection = keyof typeof SECTION_SCHEMAS
export interface SectionValues {
  awareness: AwarenessSection
  incident: IncidentSection
  abuse: AbuseSection
  safeguarding: SafeguardingSection
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> }

function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[issue.path.join('.') || '(form)'] ??= issue.message
  return errors
}

/** Drops undefined answers so stored JSON holds only what was given. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export function parseSection<S extends EditableSection>(section: S, input: unknown): Parsed<SectionValues[S]> {
  const parsed = SECTION_SCHEMAS[section].safeParse(input ?? {})
  return parsed.success ? { ok: true, value: compact(parsed.data) as SectionValues[S] } : { ok: false, errors: fieldErrors(parsed.error) }
}

export function parseChild(input: unknown): Parsed<ChildDetails> {
  const parsed = child.safeParse(input ?? {})
  return parsed.success ? { ok: true, value: compact(parsed.data) as ChildDetails } : { ok: false, errors: fieldErrors(parsed.error) }
}

export const partnerViewSchema = z.object({
  view: z.enum(['notify', 'do_not_notify', 'unsure'], { message: 'Select your view' }),
  reasons: z.string().trim().min(1, { message: 'Enter your reasons' }).max(5000, { message: 'Reasons must be 5000 characters or fewer' }),
})
export { fieldErrors }
/** The child's schema, for the API's document (the services parse with parseChild). */
export { child as childSchema }
