// What anonymising a case keeps and what it removes, as pure functions over the stored JSON.
// Kept: what the reports count (src/services/reports.ts): statuses, dates, kinds of harm and of
// notification, who raised it (an organisation), decisions and whether they departed from the
// engine, the child's age on the incident date and looked-after status, the review and action
// dates. Removed: the child's name, date of birth, sex, ethnicity and the rest of their details,
// and every free-text value anywhere on the case.
import { CalendarDay } from '../calendar/index.js'
import type { ChildDetails } from '../incident/index.js'
import { ageInYears } from '../notification/index.js'

export const REMOVED = '[removed under the retention schedule]'

/**
 * Keys whose text values are codes, dates or identifiers, not free text: their values stay.
 * Everything else that is a string is replaced. A key ending in On, At, Date, Due, Id or Ids is
 * a date or an identifier.
 */
const STRUCTURAL_KEYS = new Set(['id', 'kind', 'source', 'location', 'abuseOrNeglect', 'kinds', 'recommendation', 'agency', 'status', 'decision', 'view', 'outcome', 'otherChildrenAtRisk', 'country', 'otherAuthorityName', 'due', 'newDue', 'clockId', 'childIds'])
const STRUCTURAL_SUFFIX = /(On|At|Date|Due|Id|Ids)$/

function structural(key: string): boolean {
  return STRUCTURAL_KEYS.has(key) || STRUCTURAL_SUFFIX.test(key)
}

/** Replaces every free-text string in a JSON value, keeping codes, dates, numbers and booleans. */
export function scrubFreeText(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return structural(key) || value === '' ? value : REMOVED
  if (Array.isArray(value)) return value.map((item) => scrubFreeText(item, key))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubFreeText(v, k)]))
  }
  return value
}

/** A child's details reduced to what the reports need: age on the day (from the date of birth), looked-after and care-leaver status, the outcome. */
export function anonymiseChild(details: ChildDetails, incidentOrAwareDate: string | null): ChildDetails {
  const dob = details.dateOfBirth ? CalendarDay.tryParse(details.dateOfBirth) : null
  const on = incidentOrAwareDate ? CalendarDay.tryParse(incidentOrAwareDate) : null
  const approximateAge = dob && on ? Math.max(0, ageInYears(dob, on)) : details.approximateAge
  const kept: Record<string, unknown> = { approximateAge, lookedAfter: details.lookedAfter, careLeaver: details.careLeaver, normallyResident: details.normallyResident, outcome: details.outcome }
  return Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined)) as ChildDetails
}

/** Replaces each of `names` (longest first, so "Ann Smith" goes before "Ann") wherever it appears in any string of a JSON value. */
export function replaceNames(value: unknown, names: ReadonlyMap<string, string>): unknown {
  const ordered = [...names.entries()].filter(([name]) => name.trim().length > 1).sort((a, b) => b[0].length - a[0].length)
  const inText = (text: string) => ordered.reduce((t, [name, label]) => t.split(name).join(label), text)
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return inText(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value)
}
