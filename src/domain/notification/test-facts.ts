// Builds valid raw input for tests: a serious incident in this area, changed field by field.
import { validateFacts, type Facts } from './facts.js'

export type RawFacts = Record<string, unknown> & { child?: Record<string, unknown> }

export const BASE: RawFacts = {
  awareDate: '2026-03-02',
  incidentDate: '2026-02-28',
  outcome: 'seriously_harmed',
  abuseOrNeglect: 'suspected',
  location: 'this_area',
  normallyResident: true,
  child: { dateOfBirth: '2025-10-30' },
}

export function raw(changes: RawFacts = {}): RawFacts {
  return { ...BASE, ...changes, child: { ...BASE.child, ...changes.child } }
}

export function facts(changes: RawFacts = {}): Facts {
  const result = validateFacts(raw(changes))
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '))
  return result.facts
}
