// Loads bank holiday files from disk: the calendar bundled with the project, or a GOV.UK-shaped
// file named by the user. The domain does no I/O, so reading lives here, outside it.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { calendarFromFile, HolidayFileError, parseGovUkHolidays, type BankHolidayCalendar, type HolidayFile } from '../domain/calendar/index.js'

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
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new HolidayFileError(`the bank holiday file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  try {
    return { file: parseGovUkHolidays(json), json: json as Record<string, unknown> }
  } catch (error) {
    if (error instanceof HolidayFileError) throw new HolidayFileError(`the bank holiday file ${path} is not in the GOV.UK shape: ${error.message}`)
    throw error
  }
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
