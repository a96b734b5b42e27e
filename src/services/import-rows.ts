// The dry run's checks on each spreadsheet row (issue 7, item 5): the import's own cell rules
// (required, dates, known values, no formulas, unique references), then the recording
// journey's own validation (parseSection, parseChild and the date rules), so an imported case
// meets the same rules as one typed in. Pure: the caller passes today and the references
// already imported.
import type { CalendarDay } from '../domain/calendar/index.js'
import { childDatesProblems, datesProblems, type AwarenessSection, type ChildDetails, type IncidentSection } from '../domain/incident/index.js'
import { IMPORT_FIELDS, looksLikeFormula, readDate, readOutcome, readSex, type ImportField, type ImportFieldKey } from '../domain/imports/index.js'
import { parseChild, parseSection } from './incident-input.js'

export type ImportMapping = Partial<Record<ImportFieldKey, number>>

export interface RowProblem {
  /** The spreadsheet's own row number (the header is row 1). */
  readonly row: number
  readonly column: string
  readonly message: string
}

export interface ImportCase {
  readonly row: number
  readonly reference: string
  readonly awareness: AwarenessSection
  readonly incident: IncidentSection
  readonly child: ChildDetails
}

/** The journey's field names, for its messages, mapped back to the import's fields. */
const JOURNEY_FIELDS: Record<string, ImportFieldKey> = { awareDate: 'awareDate', incidentDate: 'incidentDate', name: 'childName', dateOfBirth: 'dateOfBirth', sex: 'sex', outcome: 'outcome' }

type Cells = Partial<Record<ImportFieldKey, string>>

/** Reads one row's cells; answers the problems, or the values the journey takes. */
function readRow(cells: Cells, problem: (key: ImportFieldKey, message: string) => void): { awareness: AwarenessSection; incident: IncidentSection; child: ChildDetails } | undefined {
  let ok = true
  const fail = (key: ImportFieldKey, message: string) => {
    problem(key, message)
    ok = false
    return undefined
  }
  const date = (key: ImportFieldKey) => (cells[key] ? (readDate(cells[key]) ?? fail(key, 'Enter a real date, for example 24/11/2026')) : undefined)
  const awareDate = date('awareDate')
  const incidentDate = date('incidentDate')
  const dateOfBirth = date('dateOfBirth')
  const outcome = cells.outcome ? (readOutcome(cells.outcome) ?? fail('outcome', 'Enter death or serious harm')) : undefined
  const sex = cells.sex ? (readSex(cells.sex) ?? fail('sex', 'Enter female, male or not known')) : undefined
  if (!ok) return undefined
  const name = cells.childName
  return {
    awareness: { ...(awareDate ? { awareDate } : {}) },
    incident: { ...(incidentDate ? { incidentDate } : {}) },
    child: { nameStatus: name ? 'known' : 'not_yet_known', ...(name ? { name } : {}), ...(dateOfBirth ? { dateOfBirth } : {}), ...(sex ? { sex } : {}), ...(outcome ? { outcome } : {}) },
  }
}

/** The journey's own checks on what readRow made of the row. */
function journeyProblems(values: { awareness: unknown; incident: unknown; child: unknown }, today: CalendarDay): Record<string, string> {
  const awareness = parseSection('awareness', values.awareness)
  const incident = parseSection('incident', values.incident)
  const child = parseChild(values.child)
  if (!awareness.ok || !incident.ok || !child.ok) return { ...(awareness.ok ? {} : awareness.errors), ...(incident.ok ? {} : incident.errors), ...(child.ok ? {} : child.errors) }
  const record = { awareness: awareness.value, incident: incident.value, abuse: {}, safeguarding: {}, children: [] }
  return { ...datesProblems(record, today, 'awareness'), ...datesProblems(record, today, 'incident'), ...childDatesProblems(record, child.value, today) }
}

export function checkRows(columns: readonly string[], rows: readonly (readonly string[])[], mapping: ImportMapping, today: CalendarDay, importedBefore: ReadonlySet<string>): { problems: RowProblem[]; cases: ImportCase[] } {
  const problems: RowProblem[] = []
  const cases: ImportCase[] = []
  const firstRowOf = new Map<string, number>()
  const columnOf = (field: ImportField) => (mapping[field.key] === undefined ? field.label : (columns[mapping[field.key] as number] ?? field.label))
  rows.forEach((cellsOfRow, index) => {
    const row = index + 2
    const before = problems.length
    const problem = (key: ImportFieldKey, message: string) => {
      const field = IMPORT_FIELDS.find((f) => f.key === key) as ImportField
      problems.push({ row, column: columnOf(field), message })
    }
    const cells: Cells = {}
    for (const field of IMPORT_FIELDS) {
      const at = mapping[field.key]
      const text = at === undefined ? '' : (cellsOfRow[at] ?? '').trim()
      if (looksLikeFormula(text)) problem(field.key, 'Remove the formula: enter the value itself (cells cannot start with =, +, - or @)')
      else if (text) cells[field.key] = text
      else if (field.required) problem(field.key, `Enter the ${field.label.toLowerCase()}`)
    }
    const reference = cells.reference
    if (reference !== undefined) {
      const first = firstRowOf.get(reference)
      if (first !== undefined) problem('reference', `Case reference ${reference} is also on row ${first}: each case must have its own reference`)
      else if (importedBefore.has(reference)) problem('reference', `A case with reference ${reference} was imported before`)
      else firstRowOf.set(reference, row)
    }
    const values = readRow(cells, problem)
    if (!values || problems.length > before) return
    const journey = journeyProblems(values, today)
    for (const [field, message] of Object.entries(journey)) problem(JOURNEY_FIELDS[field] ?? 'reference', message)
    if (problems.length === before) cases.push({ row, reference: reference as string, ...values })
  })
  return { problems, cases }
}
