// The calendar: date-only days, England and Wales bank holidays and working-day arithmetic.
export { CalendarDay, InvalidCalendarDayError, isLeapYear, daysInMonth, parseIsoToEpochDay, formatEpochDay } from './calendar-day.js'
export { BankHolidayCalendar, OutsideCalendarError, type BankHoliday, type CalendarProvenance } from './bank-holiday-calendar.js'
export { parseGovUkHolidays, calendarFromFile, toGovUkJson, mergeHolidays, HolidayFileError, GOV_UK_SOURCE, type HolidayFile, type HolidayMerge } from './gov-uk.js'
