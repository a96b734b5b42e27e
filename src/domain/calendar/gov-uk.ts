// The GOV.UK bank-holidays.json shape: reading it (with errors that say where the file is wrong),
// writing it back, and merging a newer download into the calendar we hold. GOV.UK's live file
// covers only a rolling window of years, so a merge must never drop a date we already have.
import { BankHolidayCalendar, type BankHoliday, type CalendarProvenance } from './bank-holiday-calendar.js'
import { CalendarDay } from './calendar-day.js'

export const GOV_UK_SOURCE = 'https://www.gov.uk/bank-holidays.json'
export const DIVISION = 'england-and-wales'

export interface HolidayFile {
  readonly provenance: CalendarProvenance
  readonly holidays: readonly BankHoliday[]
}

/** A bank holiday file that is not in the GOV.UK shape; the message says where. */
export class HolidayFileError extends Error {
  override readonly name = 'HolidayFileError'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseEvent(value: unknown, path: string): BankHoliday {
  if (!isRecord(value)) throw new HolidayFileError(`${path} must be an object with title, date, notes and bunting`)
  const { title, date, notes, bunting } = value
  if (typeof title !== 'string' || title.trim() === '') throw new HolidayFileError(`${path}.title must be a non-empty string`)
  if (typeof date !== 'string') throw new HolidayFileError(`${path}.date must be a date in the form YYYY-MM-DD`)
  const day = CalendarDay.tryParse(date)
  if (!day) throw new HolidayFileError(`${path}.date "${date}" is not a real date in the form YYYY-MM-DD`)
  if (notes !== undefined && typeof notes !== 'string') throw new HolidayFileError(`${path}.notes must be a string`)
  if (bunting !== undefined && typeof bunting !== 'boolean') throw new HolidayFileError(`${path}.bunting must be true or false`)
  return { date: day, title, notes: notes ?? '', bunting: bunting ?? false }
}

function parseProvisional(value: unknown): number[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new HolidayFileError('provisional must be a list of years, e.g. ["2028"]')
  return value.map((year, i) => {
    const n = typeof year === 'number' ? year : typeof year === 'string' && /^\d{4}$/.test(year) ? Number(year) : NaN
    if (!Number.isInteger(n)) throw new HolidayFileError(`provisional[${i}] must be a year, e.g. "2028"`)
    return n
  })
}

/**
 * Reads a parsed GOV.UK bank-holidays.json (or our bundled file, which adds `source`,
 * `retrieved` and `provisional` at the top level). Only the England and Wales division is read.
 */
export function parseGovUkHolidays(json: unknown): HolidayFile {
  if (!isRecord(json)) throw new HolidayFileError('the bank holiday file must be a JSON object in the shape of GOV.UK bank-holidays.json')
  const division = json[DIVISION]
  if (!isRecord(division)) throw new HolidayFileError(`the bank holiday file has no "${DIVISION}" object`)
  if (division['division'] !== DIVISION) throw new HolidayFileError(`${DIVISION}.division must be "${DIVISION}"`)
  const events = division['events']
  if (!Array.isArray(events) || events.length === 0) throw new HolidayFileError(`${DIVISION}.events must be a non-empty list`)
  const holidays = events.map((event, i) => parseEvent(event, `${DIVISION}.events[${i}]`))
  const seen = new Set<number>()
  for (const [i, h] of holidays.entries()) {
    if (seen.has(h.date.epochDay)) throw new HolidayFileError(`${DIVISION}.events[${i}].date ${h.date.toString()} is listed twice`)
    seen.add(h.date.epochDay)
  }
  const { source, retrieved } = json
  if (source !== undefined && typeof source !== 'string') throw new HolidayFileError('source must be a string')
  if (retrieved !== undefined && (typeof retrieved !== 'string' || !CalendarDay.tryParse(retrieved))) {
    throw new HolidayFileError('retrieved must be a date in the form YYYY-MM-DD')
  }
  return {
    provenance: { source: source ?? GOV_UK_SOURCE, retrieved, provisionalYears: parseProvisional(json['provisional']) },
    holidays: [...holidays].sort((a, b) => a.date.epochDay - b.date.epochDay),
  }
}

export function calendarFromFile(file: HolidayFile): BankHolidayCalendar {
  return new BankHolidayCalendar(file.holidays, file.provenance)
}

/** The file in GOV.UK shape, with our provenance at the top level, ready for JSON.stringify. */
export function toGovUkJson(file: HolidayFile): Record<string, unknown> {
  return {
    source: file.provenance.source,
    ...(file.provenance.retrieved ? { retrieved: file.provenance.retrieved } : {}),
    provisional: file.provenance.provisionalYears.map(String),
    [DIVISION]: {
      division: DIVISION,
      events: file.holidays.map((h) => ({ title: h.title, date: h.date.toString(), notes: h.notes, bunting: h.bunting })),
    },
  }
}

export interface HolidayMerge {
  readonly merged: HolidayFile
  /** Dates the incoming file added. */
  readonly added: readonly BankHoliday[]
  /** Dates both files hold under different titles; the incoming title wins. */
  readonly retitled: readonly { readonly date: CalendarDay; readonly from: string; readonly to: string }[]
  /**
   * Dates we hold, in a year the incoming file covers, that it does not list. They are kept (a
   * merge never drops a date) but someone should check them: a provisional date may have moved.
   */
  readonly keptButNotInIncoming: readonly BankHoliday[]
  /** Provisional years that the incoming file has now confirmed. */
  readonly confirmedYears: readonly number[]
}

/** Merges a newer GOV.UK file into the current one. Never drops a date; reports what changed. */
export function mergeHolidays(current: HolidayFile, incoming: HolidayFile): HolidayMerge {
  const byDay = new Map(current.holidays.map((h) => [h.date.epochDay, h]))
  const added: BankHoliday[] = []
  const retitled: { date: CalendarDay; from: string; to: string }[] = []
  for (const h of incoming.holidays) {
    const existing = byDay.get(h.date.epochDay)
    if (!existing) added.push(h)
    else if (existing.title !== h.title) retitled.push({ date: h.date, from: existing.title, to: h.title })
    byDay.set(h.date.epochDay, h)
  }
  const incomingDays = new Set(incoming.holidays.map((h) => h.date.epochDay))
  const incomingYears = new Set(incoming.holidays.map((h) => h.date.year))
  const keptButNotInIncoming = current.holidays.filter((h) => incomingYears.has(h.date.year) && !incomingDays.has(h.date.epochDay))
  const stillProvisional = (year: number) => !incomingYears.has(year) || incoming.provenance.provisionalYears.includes(year)
  const provisionalYears = [...new Set([...current.provenance.provisionalYears, ...incoming.provenance.provisionalYears])].filter(stillProvisional).sort()
  const confirmedYears = current.provenance.provisionalYears.filter((y) => !stillProvisional(y))
  return {
    merged: {
      provenance: { source: current.provenance.source, retrieved: incoming.provenance.retrieved ?? current.provenance.retrieved, provisionalYears },
      holidays: [...byDay.values()].sort((a, b) => a.date.epochDay - b.date.epochDay),
    },
    added,
    retitled,
    keptButNotInIncoming,
    confirmedYears,
  }
}
