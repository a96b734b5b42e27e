// Loads bank holiday files from disk: the calendar bundled with the project, or a GOV.UK-shaped
// file named by the user. The domain does no I/O, so reading lives here, outside it.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { calendarFromFile, HolidayFileError, mergeHolidays, parseGovUkHolidays, toGovUkJson, type BankHolidayCalendar, type HolidayMerge, type HolidayFile } from '../domain/calendar/index.js'

/** data/bank-holidays/england-and-wales.json, found from this file so any working directory works. */
// The data folder is at the repository root: two folders up from src/calendar (tsx), three from
// dist/src/calendar (the compiled build, npm run start:prod).
const toRoot = import.meta.url.includes('/dist/src/') ? '../../../' : '../../'
export const bundledCalendarPath = fileURLToPath(new URL(`${toRoot}data/bank-holidays/england-and-wales.json`, import.meta.url))

/** Reads and checks a GOV.UK-shaped file. Throws HolidayFileError naming the file and the problem. */
export function readHolidayFile(path: string): { file: HolidayFile; json: Record<string, unknown> } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new HolidayFileError(`cannot read the bank holiday file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  return parseHolidayText(text, path)
}

/** Checks the text of a GOV.UK-shaped file (read from disk or uploaded); `name` names it in errors. */
export function parseHolidayText(text: string, name: string): { file: HolidayFile; json: Record<string, unknown> } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new HolidayFileError(`the bank holiday file ${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  try {
    return { file: parseGovUkHolidays(json), json: json as Record<string, unknown> }
  } catch (error) {
    if (error instanceof HolidayFileError) throw new HolidayFileError(`the bank holiday file ${name} is not in the GOV.UK shape: ${error.message}`)
    throw error
  }
}

/** Whether a merge changes the calendar (a new date, a new title or a confirmed year). */
export const mergeChanges = (merge: HolidayMerge): boolean => merge.added.length > 0 || merge.retitled.length > 0 || merge.confirmedYears.length > 0

/**
 * The update both `sin holidays import` and the admin page make: merges `incoming` into the file
 * already read from `path` (mergeHolidays never drops a date) and writes it when anything changed.
 */
export function mergeIntoHolidayFile(path: string, current: { file: HolidayFile; json: Record<string, unknown> }, incoming: HolidayFile): { merge: HolidayMerge; changed: boolean } {
  const merge = mergeHolidays(current.file, incoming)
  const changed = mergeChanges(merge)
  if (changed) writeHolidayFile(path, current.json, merge.merged)
  return { merge, changed }
}

/** Writes the merged calendar over `path` atomically, keeping the file's other top-level fields (such as notes). */
function writeHolidayFile(path: string, currentJson: Record<string, unknown>, merged: HolidayFile): void {
  const json = { ...currentJson, ...toGovUkJson(merged) }
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(json, null, 2)}\n`)
  renameSync(temporary, path)
}

let bundled: BankHolidayCalendar | undefined

/** The bundled calendar, read once per process. */
export function loadBundledCalendar(): BankHolidayCalendar {
  bundled ??= calendarFromFile(readHolidayFile(bundledCalendarPath).file)
  return bundled
}

/** The calendar named by `--holidays FILE`, or the bundled one when no file is given. */
export function loadCalendar(path?: string): BankHolidayCalendar {
  return path === undefined ? loadBundledCalendar() : calendarFromFile(readHolidayFile(path).file)
}
