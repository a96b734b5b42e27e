// Options shared by the statutory engine's commands (assess, deadline, working-days, holidays):
// reading dates and the bank holiday calendar, with every failure turned into a UsageError
// (exit status 2) whose message names the option.
import { loadCalendar } from '../calendar/bundled.js'
import { CalendarDay, HolidayFileError, OutsideCalendarError, type BankHolidayCalendar } from '../domain/calendar/index.js'
import { requireOption, UsageError } from './command.js'

export const HOLIDAYS_HELP = `  --holidays FILE  Use the England and Wales bank holidays in FILE (the shape of GOV.UK's
                   bank-holidays.json) instead of the calendar bundled with the service.`

/** A required `--NAME YYYY-MM-DD` option. */
export function dayOption(values: Record<string, unknown>, name: string): CalendarDay {
  const text = requireOption(values, name)
  const day = CalendarDay.tryParse(text)
  if (!day) throw new UsageError(`--${name} must be a real date in the form YYYY-MM-DD, not "${text}"`)
  return day
}

/** The calendar from `--holidays FILE`, or the bundled one. */
export function calendarOption(values: Record<string, unknown>): BankHolidayCalendar {
  const path = values['holidays']
  if (path !== undefined && (typeof path !== 'string' || path === '')) throw new UsageError('--holidays needs a file name')
  try {
    return loadCalendar(path)
  } catch (error) {
    if (error instanceof HolidayFileError) throw new UsageError(`--holidays: ${error.message}`)
    throw error
  }
}

/** Runs a count, turning "beyond the calendar's years" into bad input rather than a crash. */
export function counting<T>(what: string, count: () => T): T {
  try {
    return count()
  } catch (error) {
    if (error instanceof OutsideCalendarError) throw new UsageError(`${what}: ${error.message}`)
    throw error
  }
}
