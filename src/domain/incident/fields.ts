// What an incident record holds, section by section, in the words of the recording pages.
// Every field is optional while the record is a draft: each question page saves what it has, and
// completeness (completeness.ts) says what is still missing. The enums are lists so that the web
// pages, the validation and the tests all read the same answers.
import type { AbuseOrNeglect, Location, Outcome } from '../notification/index.js'

/** How the authority became aware (domain reference section 4.1; reg 40 notices from homes). */
export const AWARENESS_SOURCES = ['police', 'health', 'hospital', 'childrens_home', 'other_authority', 'school', 'health_visitor', 'family', 'other'] as const
export type AwarenessSource = (typeof AWARENESS_SOURCES)[number]
/** Sources that need a few words to say who exactly (which authority, what else). */
export const SOURCES_NEEDING_DETAIL: readonly AwarenessSource[] = ['other_authority', 'other']

/** Kinds of abuse or neglect: Working Together 2023's four categories, plus exploitation and extra-familial harm (R15). */
export const ABUSE_KINDS = ['physical', 'emotional', 'sexual', 'neglect', 'exploitation', 'extra_familial', 'online', 'other'] as const
export type AbuseKind = (typeof ABUSE_KINDS)[number]

export const YES_NO_NOT_KNOWN = ['yes', 'no', 'not_known'] as const
export type YesNoNotKnown = (typeof YES_NO_NOT_KNOWN)[number]

/** Whether we know the child's name; an unborn child has none yet (WT 2023 applies to unborn children, R9). */
export const NAME_STATUSES = ['known', 'not_yet_known', 'unborn'] as const
export type NameStatus = (typeof NAME_STATUSES)[number]

export const SEXES = ['female', 'male', 'not_known'] as const
export type Sex = (typeof SEXES)[number]

export const CHILD_PROTECTION_PLANS = ['current', 'previous', 'never'] as const
export type ChildProtectionPlan = (typeof CHILD_PROTECTION_PLANS)[number]

export const EDUCATION_STATUSES = ['not_school_age', 'in_school', 'regularly_absent', 'alternative_provision', 'home_educated', 'not_in_education', 'further_education', 'not_known'] as const
export type EducationStatus = (typeof EDUCATION_STATUSES)[number]

/**
 * Ethnic groups as the Office for National Statistics asked them in the 2021 Census (England),
 * grouped as on the census form, plus "not known" and "not stated" for records.
 */
export const ETHNICITY_GROUPS = [
  { group: 'Asian, Asian British or Asian Welsh', options: [['asian_bangladeshi', 'Bangladeshi'], ['asian_chinese', 'Chinese'], ['asian_indian', 'Indian'], ['asian_pakistani', 'Pakistani'], ['asian_other', 'Any other Asian background']] },
  { group: 'Black, Black British, Black Welsh, Caribbean or African', options: [['black_african', 'African'], ['black_caribbean', 'Caribbean'], ['black_other', 'Any other Black, Black British, or Caribbean background']] },
  { group: 'Mixed or Multiple ethnic groups', options: [['mixed_white_asian', 'White and Asian'], ['mixed_white_black_african', 'White and Black African'], ['mixed_white_black_caribbean', 'White and Black Caribbean'], ['mixed_other', 'Any other Mixed or Multiple ethnic background']] },
  { group: 'White', options: [['white_british', 'English, Welsh, Scottish, Northern Irish or British'], ['white_irish', 'Irish'], ['white_gypsy_irish_traveller', 'Gypsy or Irish Traveller'], ['white_roma', 'Roma'], ['white_other', 'Any other White background']] },
  { group: 'Other ethnic group', options: [['other_arab', 'Arab'], ['other_any', 'Any other ethnic group']] },
  { group: 'Not known', options: [['not_known', 'Not known'], ['not_stated', 'Not stated']] },
] as const
export type Ethnicity = (typeof ETHNICITY_GROUPS)[number]['options'][number][0]
export const ETHNICITIES: readonly Ethnicity[] = ETHNICITY_GROUPS.flatMap((g) => g.options.map(([code]) => code))

export interface AwarenessSection {
  /** The day the authority became aware (YYYY-MM-DD): the 5-working-day clock starts here (R3). */
  readonly awareDate?: string
  readonly source?: AwarenessSource
  readonly sourceDetail?: string
}

export interface IncidentSection {
  readonly incidentDate?: string
  /** Harm over a period may have no single date: the engine then takes ages on the day of awareness. */
  readonly incidentDateNotKnown?: boolean
  readonly outline?: string
  readonly location?: Location
  /** When elsewhere in England: the authority where it happened (whose duty it is, R2). */
  readonly otherAuthorityName?: string
  /** When outside England (Wales, Scotland and Northern Ireland included, R2 note). */
  readonly country?: string
  /** A large exploitation operation: one notification for the main child (R6). */
  readonly exploitationOperation?: boolean
}

export interface AbuseSection {
  readonly abuseOrNeglect?: AbuseOrNeglect
  readonly kinds?: readonly AbuseKind[]
}

export interface SafeguardingSection {
  readonly agencies?: string
  readonly otherChildrenAtRisk?: YesNoNotKnown
  readonly otherChildrenDetails?: string
  readonly actionTaken?: string
}

export interface ChildDetails {
  readonly nameStatus?: NameStatus
  readonly name?: string
  readonly dateOfBirth?: string
  /** In whole years, when the date of birth is not known. */
  readonly approximateAge?: number
  readonly sex?: Sex
  readonly ethnicity?: Ethnicity
  readonly disability?: YesNoNotKnown
  readonly normallyResident?: boolean
  readonly lookedAfter?: boolean
  readonly careLeaver?: boolean
  readonly childProtectionPlan?: ChildProtectionPlan
  readonly childInNeedPlan?: YesNoNotKnown
  readonly knownToSocialCare?: YesNoNotKnown
  readonly education?: EducationStatus
  /** Children with the same marker are siblings of each other (R6 sibling rule). */
  readonly siblingGroup?: string
  /** What happened to this child: the engine assesses each child on this. */
  readonly outcome?: Outcome
}

export interface Child extends ChildDetails {
  readonly id: string
}

export interface IncidentRecord {
  readonly awareness: AwarenessSection
  readonly incident: IncidentSection
  readonly abuse: AbuseSection
  readonly safeguarding: SafeguardingSection
  readonly children: readonly Child[]
}

export const SECTIONS = ['awareness', 'incident', 'abuse', 'safeguarding', 'children'] as const
export type SectionName = (typeof SECTIONS)[number]

/** How a child is named on pages and in reasons: never a realistic default, never blank. */
export function childLabel(child: Child, index: number): string {
  if (child.nameStatus === 'known' && child.name) return child.name
  if (child.nameStatus === 'unborn') return `Unborn child ${index + 1}`
  return `Child ${index + 1} (name not yet known)`
}
