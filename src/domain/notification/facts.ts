// The facts an assessment starts from, and their validation. Each problem names the field, so the
// command line, the JSON API and the web form can all tell the user exactly what to fix.
// Unknown fields are ignored (the contract says so); the checks are hand-written because the
// engine validates hundreds of thousands of inputs a second in the benchmark.
import { CalendarDay } from '../calendar/index.js'

export const OUTCOMES = ['died', 'seriously_harmed', 'harm_uncertain', 'not_seriously_harmed'] as const
export const ABUSE_OR_NEGLECT = ['known', 'suspected', 'not_suspected', 'not_yet_known'] as const
export const LOCATIONS = ['this_area', 'elsewhere_in_england', 'outside_england'] as const

export type Outcome = (typeof OUTCOMES)[number]
export type AbuseOrNeglect = (typeof ABUSE_OR_NEGLECT)[number]
export type Location = (typeof LOCATIONS)[number]

export interface ChildFacts {
  /** Absent when unknown. */
  readonly dateOfBirth: CalendarDay | undefined
  readonly unborn: boolean
  readonly lookedAfter: boolean
  readonly careLeaver: boolean
}

export interface Facts {
  readonly awareDate: CalendarDay
  readonly incidentDate: CalendarDay | undefined
  readonly outcome: Outcome
  readonly abuseOrNeglect: AbuseOrNeglect
  readonly location: Location
  readonly normallyResident: boolean
  readonly child: ChildFacts
}

export interface FactsProblem {
  /** The field, as a dotted path: `awareDate`, `child.dateOfBirth`. */
  readonly field: string
  readonly message: string
}

export type FactsResult = { readonly ok: true; readonly facts: Facts } | { readonly ok: false; readonly problems: readonly FactsProblem[] }

type Input = Record<string, unknown>

function isRecord(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${JSON.stringify(value)}`
}

// Callers that serialise "unknown" as JSON null (common in other systems) mean the same as leaving
// an optional field out, so null is read as absent there; a required field must still have a value.
function absentIfOptionalNull(value: unknown, required: boolean): unknown {
  return value === null && !required ? undefined : value
}

/** Reads the fields one by one, collecting every problem rather than stopping at the first. */
class Reader {
  readonly problems: FactsProblem[] = []

  problem(field: string, message: string): void {
    this.problems.push({ field, message: `${field} ${message}` })
  }

  date(input: Input, key: string, field: string, required: boolean): CalendarDay | undefined {
    const value = absentIfOptionalNull(input[key], required)
    if (value === undefined) {
      if (required) this.problem(field, 'is required (a date in the form YYYY-MM-DD)')
      return undefined
    }
    if (typeof value !== 'string') {
      this.problem(field, `must be a date in the form YYYY-MM-DD, not ${describe(value)}`)
      return undefined
    }
    const day = CalendarDay.tryParse(value)
    if (!day) this.problem(field, `must be a real date in the form YYYY-MM-DD, not "${value}"`)
    return day
  }

  choice<T extends string>(input: Input, key: string, allowed: readonly T[]): T | undefined {
    const value = input[key]
    if (value === undefined) this.problem(key, `is required (one of ${allowed.join(', ')})`)
    else if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problem(key, `must be one of ${allowed.join(', ')}, not ${describe(value)}`)
    } else return value as T
    return undefined
  }

  flag(input: Input, key: string, field: string, required: boolean): boolean {
    const value = absentIfOptionalNull(input[key], required)
    if (value === undefined) {
      if (required) this.problem(field, 'is required (true or false)')
      return false
    }
    if (typeof value !== 'boolean') this.problem(field, `must be true or false, not ${describe(value)}`)
    return value === true
  }
}

/** Checks raw input (already parsed from JSON) against the contract and turns it into Facts. */
export function validateFacts(input: unknown): FactsResult {
  if (!isRecord(input)) return { ok: false, problems: [{ field: '(input)', message: `the input must be a JSON object, not ${describe(input)}` }] }
  const r = new Reader()
  const awareDate = r.date(input, 'awareDate', 'awareDate', true)
  const incidentDate = r.date(input, 'incidentDate', 'incidentDate', false)
  const outcome = r.choice(input, 'outcome', OUTCOMES)
  const abuseOrNeglect = r.choice(input, 'abuseOrNeglect', ABUSE_OR_NEGLECT)
  const location = r.choice(input, 'location', LOCATIONS)
  const normallyResident = r.flag(input, 'normallyResident', 'normallyResident', true)
  const rawChild = input['child'] === undefined || input['child'] === null ? {} : input['child']
  if (!isRecord(rawChild)) r.problem('child', `must be an object, not ${describe(rawChild)}`)
  const childInput = isRecord(rawChild) ? rawChild : {}
  const dateOfBirth = r.date(childInput, 'dateOfBirth', 'child.dateOfBirth', false)
  const child: ChildFacts = {
    dateOfBirth,
    unborn: r.flag(childInput, 'unborn', 'child.unborn', false),
    lookedAfter: r.flag(childInput, 'lookedAfter', 'child.lookedAfter', false),
    careLeaver: r.flag(childInput, 'careLeaver', 'child.careLeaver', false),
  }
  if (awareDate && incidentDate && incidentDate.isAfter(awareDate)) {
    r.problem('incidentDate', `(${incidentDate.toString()}) must not be after awareDate (${awareDate.toString()}): the authority cannot know of an incident before it happens`)
  }
  // The child's age is taken on the incident date, or on the day of awareness when that is absent.
  const ageDate = incidentDate ?? awareDate
  if (dateOfBirth && ageDate && dateOfBirth.isAfter(ageDate)) {
    r.problem('child.dateOfBirth', `(${dateOfBirth.toString()}) must not be after ${incidentDate ? 'incidentDate' : 'awareDate'} (${ageDate.toString()}); for harm before birth, leave it out and set child.unborn to true`)
  }
  if (r.problems.length > 0 || !awareDate || !outcome || !abuseOrNeglect || !location) return { ok: false, problems: r.problems }
  return { ok: true, facts: { awareDate, incidentDate, outcome, abuseOrNeglect, location, normallyResident, child } }
}
