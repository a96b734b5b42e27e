// The words the pages use for each stored answer, in GOV.UK sentence case.
import { STATUS_LABELS, type Status } from '../../../domain/lifecycle/index.js'
import { ETHNICITY_GROUPS } from '../../../domain/incident/index.js'

export const LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  source: {
    police: 'Police', health: 'Health partner', hospital: 'Hospital', childrens_home: 'A children’s home’s notice', other_authority: 'Another local authority',
    school: 'School', health_visitor: 'Health visitor', family: 'Family or member of the public', other: 'Other',
  },
  location: { this_area: 'In this authority’s area', elsewhere_in_england: 'Elsewhere in England', outside_england: 'Outside England' },
  abuseOrNeglect: { known: 'Known', suspected: 'Suspected', not_suspected: 'Not suspected', not_yet_known: 'Not yet known' },
  kinds: {
    physical: 'Physical abuse', emotional: 'Emotional abuse', sexual: 'Sexual abuse', neglect: 'Neglect', exploitation: 'Exploitation',
    extra_familial: 'Extra-familial harm', online: 'Online harm', other: 'Other',
  },
  yesNoNotKnown: { yes: 'Yes', no: 'No', not_known: 'Not known' },
  nameStatus: { known: 'Yes, I know their name', not_yet_known: 'Not yet known', unborn: 'The child is unborn' },
  sex: { female: 'Female', male: 'Male', not_known: 'Not known' },
  childProtectionPlan: { current: 'Yes, a current plan', previous: 'A previous plan', never: 'Never' },
  education: {
    not_school_age: 'Not of school age', in_school: 'In school', regularly_absent: 'In school but often absent', alternative_provision: 'Alternative provision',
    home_educated: 'Home educated', not_in_education: 'Not in education', further_education: 'Further education or training', not_known: 'Not known',
  },
  outcome: { died: 'Died', seriously_harmed: 'Seriously harmed', harm_uncertain: 'Harmed, but it is not yet clear how seriously', not_seriously_harmed: 'Not seriously harmed' },
  view: { notify: 'Notify', do_not_notify: 'Do not notify', unsure: 'Unsure' },
  decision: { notify: 'Notify the Panel', do_not_notify: 'Do not notify', refer_to_other_authority: 'Refer to the authority where it happened' },
  engine: {
    notify: 'Notify: the rules say this incident must be notified',
    judgement_required: 'A professional judgement is needed before the rules give an answer',
    other_authority: 'The duty to notify lies with another authority',
    not_required: 'The rules do not require a notification',
  },
  ethnicity: Object.fromEntries(ETHNICITY_GROUPS.flatMap((g) => g.options.map(([code, text]) => [code, `${g.group}: ${text}`]))),
}

// Colours by stage: grey for drafts, orange while the decision owner must act, blue while
// partners are asked, green once decided; any later stage takes the default.
const TAG_CLASSES: Partial<Record<Status, string>> = {
  draft: 'govuk-tag--grey', awaiting_discussion: 'govuk-tag--orange', partners_consulted: 'govuk-tag--blue',
  decided_notify: 'govuk-tag--green', decided_do_not_notify: 'govuk-tag--green', decided_refer_to_other_authority: 'govuk-tag--green',
}

export function statusTag(status: Status): { text: string; classes: string } {
  return { text: STATUS_LABELS[status], classes: TAG_CLASSES[status] ?? '' }
}

/** Radio or checkbox items from a label map, with what is chosen checked. */
export function items(kind: string, chosen: unknown): { value: string; text: string; checked: boolean }[] {
  const picked = Array.isArray(chosen) ? chosen.map(String) : [String(chosen ?? '')]
  return Object.entries(LABELS[kind] ?? {}).map(([value, text]) => ({ value, text, checked: picked.includes(value) }))
}

export function label(kind: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Not answered'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) return value.map((v) => label(kind, v)).join(', ') || 'None'
  return LABELS[kind]?.[String(value)] ?? String(value)
}
