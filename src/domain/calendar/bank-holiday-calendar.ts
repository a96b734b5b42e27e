// England and Wales bank holidays, and the working-day arithmetic that statutory clocks use.
// Working days are Monday to Friday less bank holidays. Counting is done with arithmetic on whole
// weeks plus binary searches over the sorted weekday holidays: never by stepping day by day.
import { CalendarDay, epochDayFromParts } from './calendar-day.js'

export interface BankHoliday {
  readonly date: CalendarDay
  readonly title: string
  /** GOV.UK writes "Substitute day" or "". */
  readonly notes: string
  readonly bunting: boolean
}

export interface CalendarProvenance {
  /** Where the dates came from, e.g. https://www.gov.uk/bank-holidays.json. */
  readonly source: string
  /** The day the dates were retrieved from the source (YYYY-MM-DD), when known. */
  readonly retrieved: string | undefined
  /** Years whose dates are not yet published by GOV.UK and were derived from the usual rules. */
  readonly provisionalYears: readonly number[]
}

/** A count that would have to step onto a day the calendar does not cover: never a guess. */
export class OutsideCalendarError extends Error {
  override readonly name = 'OutsideCalendarError'
  constructor(
    readonly day: CalendarDay,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(`${day.toString()} is outside the years the bank holiday calendar covers (${firstYear} to ${lastYear}), so working days cannot be counted there`)
  }
}

// Weekdays are numbered from Monday 5 January 1970 (day number 4), which is weekday 1.
const MONDAY = 4

/** How many weekdays (Monday to Friday) fall on or before a day, counted from the anchor Monday. */
function weekdaysUpTo(epochDay: number): number {
  const k = epochDay - MONDAY
  const weeks = Math.floor(k / 7)
  const r = k - weeks * 7
  return weeks * 5 + (r < 5 ? r + 1 : 5)
}

/** The day number of the nth weekday (the inverse of weekdaysUpTo on weekdays). */
function nthWeekday(n: number): number {
  const weeks = Math.floor((n - 1) / 5)
  return MONDAY + weeks * 7 + (n - 1 - weeks * 5)
}

/** How many entries of a sorted array are <= value. */
function countAtMost(sorted: Int32Array, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** How many entries of a sorted array are < value. */
function countBelow(sorted: Int32Array, value: number): number {
  return countAtMost(sorted, value - 1)
}

export class BankHolidayCalendar {
  readonly holidays: readonly BankHoliday[]
  readonly firstYear: number
  readonly lastYear: number
  /** First and last day numbers covered: 1 January of firstYear to 31 December of lastYear. */
  readonly firstDay: number
  readonly lastDay: number
  /** Sorted day numbers of the holidays that fall on a weekday (the only ones that matter). */
  private readonly weekdayHolidays: Int32Array
  /** For each weekday holiday, the working-day index of that day (nondecreasing). */
  private readonly holidayIndexes: Int32Array
  private readonly byDay: Map<number, BankHoliday>

  constructor(
    holidays: readonly BankHoliday[],
    readonly provenance: CalendarProvenance,
  ) {
    if (holidays.length === 0) throw new RangeError('a bank holiday calendar needs at least one holiday')
    this.holidays = [...holidays].sort((a, b) => a.date.epochDay - b.date.epochDay)
    this.byDay = new Map(this.holidays.map((h) => [h.date.epochDay, h]))
    if (this.byDay.size !== this.holidays.length) throw new RangeError('a bank holiday calendar cannot list the same date twice')
    this.firstYear = (this.holidays[0] as BankHoliday).date.year
    this.lastYear = (this.holidays[this.holidays.length - 1] as BankHoliday).date.year
    this.firstDay = epochDayFromParts(this.firstYear, 1, 1)
    this.lastDay = epochDayFromParts(this.lastYear, 12, 31)
    this.weekdayHolidays = Int32Array.from(this.holidays.filter((h) => !h.date.isWeekend).map((h) => h.date.epochDay))
    this.holidayIndexes = this.weekdayHolidays.map((day, i) => weekdaysUpTo(day) - (i + 1))
  }

  coversYear(year: number): boolean {
    return year >= this.firstYear && year <= this.lastYear
  }

  isProvisionalYear(year: number): boolean {
    return this.provenance.provisionalYears.includes(year)
  }

  holidayOn(day: CalendarDay): BankHoliday | undefined {
    return this.byDay.get(day.epochDay)
  }

  holidaysIn(year: number): BankHoliday[] {
    return this.holidays.filter((h) => h.date.year === year)
  }

  /** Monday to Friday and not a bank holiday. Throws for a day outside the covered years. */
  isWorkingDay(day: CalendarDay): boolean {
    this.assertCovered(day.epochDay)
    return !day.isWeekend && !this.byDay.has(day.epochDay)
  }

  /**
   * The nth working day after `from` (day 0 is `from` itself, whatever day it is). n >= 0.
   * Throws OutsideCalendarError when the count would step onto a day outside the covered years.
   */
  addWorkingDays(from: CalendarDay, n: number): CalendarDay {
    return CalendarDay.fromEpochDay(this.addWorkingDaysToEpochDay(from.epochDay, n))
  }

  /** addWorkingDays on day numbers, for callers that avoid allocating (the benchmark, the CLI). */
  addWorkingDaysToEpochDay(from: number, n: number): number {
    assertCount(n)
    if (n === 0) return from
    this.assertCovered(from + 1)
    const result = this.dayOfWorkingIndex(this.workingIndex(from) + n)
    // Name the first uncovered day the count stepped onto, not the day it would have ended on.
    this.assertCovered(Math.min(result, this.lastDay + 1))
    return result
  }

  /**
   * The nth working day before `from`, counting back with `from` as day 0: 7 working days before
   * a Monday publication date is the Wednesday of the week before last, less any bank holidays.
   */
  subtractWorkingDays(from: CalendarDay, n: number): CalendarDay {
    assertCount(n)
    if (n === 0) return from
    this.assertCovered(from.epochDay - 1)
    // The target is the working day with n working days in [target, from): its index is found
    // from the index of the day before `from`.
    const result = this.dayOfWorkingIndex(this.workingIndex(from.epochDay - 1) - n + 1)
    this.assertCovered(Math.max(result, this.firstDay - 1))
    return CalendarDay.fromEpochDay(result)
  }

  /** How many working days lie after `from`, up to and including `to` (0 when `to` is not after `from`). */
  countWorkingDays(from: CalendarDay, to: CalendarDay): number {
    return this.countWorkingDaysBetweenEpochDays(from.epochDay, to.epochDay)
  }

  countWorkingDaysBetweenEpochDays(from: number, to: number): number {
    if (to <= from) return 0
    this.assertCovered(from + 1)
    this.assertCovered(Math.min(to, this.lastDay + 1))
    return this.workingIndex(to) - this.workingIndex(from)
  }

  /** Working days on or before a day, counted from the anchor (an index, not a count of anything real). */
  private workingIndex(epochDay: number): number {
    return weekdaysUpTo(epochDay) - countAtMost(this.weekdayHolidays, epochDay)
  }

  /** The first day whose working index is `index`: always a working day. */
  private dayOfWorkingIndex(index: number): number {
    // The holidays before the answer are exactly those whose own index is below it.
    const holidaysBefore = countBelow(this.holidayIndexes, index)
    return nthWeekday(index + holidaysBefore)
  }

  private assertCovered(epochDay: number): void {
    if (epochDay < this.firstDay || epochDay > this.lastDay) {
      throw new OutsideCalendarError(CalendarDay.fromEpochDay(epochDay), this.firstYear, this.lastYear)
    }
  }
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a count of working days must be a whole number of 0 or more, not ${n}`)
}

