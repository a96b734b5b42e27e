// Importing cases from a partnership's spreadsheet tracker (issue 7, item 5): the fields the
// service takes, guessing which column holds each from the header, and reading each cell. Pure.
import { CalendarDay } from '../calendar/index.js'

export type ImportFieldKey = 'reference' | 'awareDate' | 'outcome' | 'incidentDate' | 'childName' | 'dateOfBirth' | 'sex'

export interface ImportField {
  readonly key: ImportFieldKey
  readonly label: string
  readonly hint: string
  readonly required: boolean
  /** Header words that suggest this column, most specific first. */
  readonly headerWords: readonly string[]
}

// What trackers hold and the recording journey asks first: the awareness date (day 0 of the
// 5 working day notification, Children Act 2004 s16C), whether the child died or was seriously
// harmed, and the child's details as the child page takes them (a name or initials, date of
// birth, sex). Everything else is completed in the service afterwards.
export const IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'reference', label: 'Case reference', hint: 'The tracker’s own reference; each must be unique', required: true, headerWords: ['reference', 'ref', 'case id', 'case number', 'id'] },
  { key: 'awareDate', label: 'Date the authority became aware', hint: 'For example 24/11/2026 or 2026-11-24', required: true, headerWords: ['aware', 'awareness', 'date notified to', 'referral date', 'date received'] },
  { key: 'outcome', label: 'Incident type', hint: 'Death or serious harm', required: true, headerWords: ['incident type', 'type', 'outcome', 'death or serious harm', 'harm'] },
  { key: 'incidentDate', label: 'Date of incident', hint: 'For example 23/11/2026', required: false, headerWords: ['incident date', 'date of incident', 'date of death', 'date of harm'] },
  { key: 'childName', label: 'Child’s name or initials', hint: 'As the tracker records the child, for example their initials', required: false, headerWords: ['child name', 'child', 'initials', 'name', 'pseudonym'] },
  { key: 'dateOfBirth', label: 'Child’s date of birth', hint: 'For example 04/03/2015', required: false, headerWords: ['date of birth', 'dob', 'birth'] },
  { key: 'sex', label: 'Child’s sex', hint: 'Female, male or not known', required: false, headerWords: ['sex', 'gender'] },
]

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

/** For each field, the column whose header best matches it (each column used at most once). */
export function guessMapping(columns: readonly string[]): Partial<Record<ImportFieldKey, number>> {
  const headers = columns.map(normalise)
  const used = new Set<number>()
  const mapping: Partial<Record<ImportFieldKey, number>> = {}
  for (const field of IMPORT_FIELDS) {
    for (const word of field.headerWords) {
      const free = (i: number) => !used.has(i)
      const exact = headers.findIndex((h, i) => free(i) && h === word)
      // A short word ("ref", "dob") must be a whole word of the header; a longer one may be part of one.
      const partial = exact >= 0 ? exact : headers.findIndex((h, i) => free(i) && (h.split(' ').includes(word) || (word.length > 3 && h.includes(word))))
      if (partial >= 0) {
        mapping[field.key] = partial
        used.add(partial)
        break
      }
    }
  }
  return mapping
}

/**
 * A cell a spreadsheet program would run as a formula (CSV injection, OWASP): refused rather
 * than stored, since the text would be exported again in the service's own spreadsheets.
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text)
}

/** A date as trackers write it: 24/11/2026, 24-11-2026 or 2026-11-24. */
export function readDate(text: string): string | undefined {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  const iso = uk ? `${uk[3]}-${(uk[2] ?? '').padStart(2, '0')}-${(uk[1] ?? '').padStart(2, '0')}` : text
  return CalendarDay.tryParse(iso) ? iso : undefined
}

const OUTCOME_WORDS: Record<string, 'died' | 'seriously_harmed'> = {
  death: 'died', died: 'died', 'child death': 'died', 'serious harm': 'seriously_harmed', 'seriously harmed': 'seriously_harmed', harm: 'seriously_harmed',
}
const SEX_WORDS: Record<string, 'female' | 'male' | 'not_known'> = { female: 'female', f: 'female', girl: 'female', male: 'male', m: 'male', boy: 'male', 'not known': 'not_known', unknown: 'not_known' }

export function readOutcome(text: string): 'died' | 'seriously_harmed' | undefined {
  return OUTCOME_WORDS[normalise(text)]
}

export function readSex(text: string): 'female' | 'male' | 'not_known' | undefined {
  return SEX_WORDS[normalise(text)]
}
