// A legal day: a date with no time and no time zone. Days are held as integers (days since
// 1970-01-01), so adding and comparing days never touches local-time Date arithmetic and is not
// upset by clock changes. Conversions use Howard Hinnant's civil-from-days algorithms.

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const

export class InvalidCalendarDayError extends Error {
  override readonly name = 'InvalidCalendarDayError'
  constructor(readonly input: string) {
    super(`"${input}" is not a real date in the form YYYY-MM-DD`)
  }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Days since 1970-01-01 of a valid civil date (proleptic Gregorian). */
export function epochDayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date of a day number, as [year, month, day]. */
export function partsFromEpochDay(epochDay: number): [number, number, number] {
  const z = epochDay + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

// A digit's value, or a large negative number so that any sum containing a non-digit is negative.
function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48
  return code >= 0 && code <= 9 ? code : -100000
}

/**
 * The day number of a `YYYY-MM-DD` string, or NaN when it is not a real date. Written with
 * character codes rather than a regular expression because the engine parses millions of dates.
 */
export function parseIsoToEpochDay(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3)
  const month = digit(text, 5) * 10 + digit(text, 6)
  const day = digit(text, 8) * 10 + digit(text, 9)
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN
  return epochDayFromParts(year, month, day)
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`
}

/** `YYYY-MM-DD` for a day number (years 1 to 9999). */
export function formatEpochDay(epochDay: number): string {
  const [year, month, day] = partsFromEpochDay(epochDay)
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${pad2(month)}-${pad2(day)}`
}

/** A date-only value. Immutable; compare with `epochDay` or `compare`. */
export class CalendarDay {
  private constructor(
    /** Days since 1970-01-01. */
    readonly epochDay: number,
  ) {}

  static fromEpochDay(epochDay: number): CalendarDay {
    if (!Number.isInteger(epochDay)) throw new RangeError(`not a whole day number: ${epochDay}`)
    return new CalendarDay(epochDay)
  }

  static of(year: number, month: number, day: number): CalendarDay {
    if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      throw new InvalidCalendarDayError(`${year}-${month}-${day}`)
    }
    return new CalendarDay(epochDayFromParts(year, month, day))
  }

  /** Parses `YYYY-MM-DD`; throws InvalidCalendarDayError for anything else, e.g. 2026-02-30. */
  static parse(text: string): CalendarDay {
    const epochDay = parseIsoToEpochDay(text)
    if (Number.isNaN(epochDay)) throw new InvalidCalendarDayError(text)
    return new CalendarDay(epochDay)
  }

  /** Like parse, but answers undefined instead of throwing. */
  static tryParse(text: string): CalendarDay | undefined {
    const epochDay = parseIsoToEpochDay(text)
    return Number.isNaN(epochDay) ? undefined : new CalendarDay(epochDay)
  }

  get year(): number {
    return partsFromEpochDay(this.epochDay)[0]
  }

  get month(): number {
    return partsFromEpochDay(this.epochDay)[1]
  }

  get day(): number {
    return partsFromEpochDay(this.epochDay)[2]
  }

  /** ISO day of the week: 1 Monday to 7 Sunday (1970-01-01 was a Thursday). */
  get dayOfWeek(): number {
    return ((((this.epochDay + 3) % 7) + 7) % 7) + 1
  }

  get isWeekend(): boolean {
    return this.dayOfWeek >= 6
  }

  addDays(days: number): CalendarDay {
    return CalendarDay.fromEpochDay(this.epochDay + days)
  }

  /**
   * The same day of the month `months` later (or earlier when negative). Where the target month
   * is too short, the last day of that month: 31 August + 6 months is 28 (or 29) February. This
   * follows the corresponding-date rule for calendar months (Dodds v Walker [1981] 1 WLR 1027).
   */
  addMonths(months: number): CalendarDay {
    const [year, month, day] = partsFromEpochDay(this.epochDay)
    const index = year * 12 + (month - 1) + months
    const targetYear = Math.floor(index / 12)
    const targetMonth = index - targetYear * 12 + 1
    return CalendarDay.of(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)))
  }

  compare(other: CalendarDay): number {
    return this.epochDay - other.epochDay
  }

  equals(other: CalendarDay): boolean {
    return this.epochDay === other.epochDay
  }

  isBefore(other: CalendarDay): boolean {
    return this.epochDay < other.epochDay
  }

  isAfter(other: CalendarDay): boolean {
    return this.epochDay > other.epochDay
  }

  /** `YYYY-MM-DD`. */
  toString(): string {
    return formatEpochDay(this.epochDay)
  }

  toJSON(): string {
    return this.toString()
  }

  /** As people read it on GOV.UK pages: "24 November 2026". */
  toLongString(): string {
    const [year, month, day] = partsFromEpochDay(this.epochDay)
    return `${day} ${MONTH_NAMES[month - 1]} ${year}`
  }

  /** With the weekday: "Monday 4 January 2027". */
  toLongStringWithWeekday(): string {
    const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
    return `${weekdays[this.dayOfWeek - 1]} ${this.toLongString()}`
  }
}
