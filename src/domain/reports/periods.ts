// Reporting periods: a financial year runs 1 April to 31 March (partnerships report on it), its
// quarters start in April, July, October and January; months are calendar months.
export type PeriodKind = 'year' | 'quarter' | 'month'

export interface Period {
  readonly kind: PeriodKind
  /** The first and last day, YYYY-MM-DD, inclusive. */
  readonly from: string
  readonly to: string
  readonly label: string
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const pad = (n: number) => String(n).padStart(2, '0')
const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const lastDay = (year: number, month: number) => (month === 2 ? (leap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31)
const span = (year: number, month: number, months: number) => {
  const endMonth = ((month - 1 + months - 1) % 12) + 1
  const endYear = year + Math.floor((month - 1 + months - 1) / 12)
  return { from: `${year}-${pad(month)}-01`, to: `${endYear}-${pad(endMonth)}-${pad(lastDay(endYear, endMonth))}` }
}

/** The financial year a day falls in, named by the year it starts: 2026-11-24 is in 2026 (to March 2027). */
export function financialYearOf(day: string): number {
  const [year, month] = day.split('-').map(Number) as [number, number]
  return month >= 4 ? year : year - 1
}

/** The period: year "2026" (financial year 2026 to 2027), quarter "2026-Q3" (October to December 2026), month "2026-11". */
export function periodOf(kind: PeriodKind, value: string): Period | null {
  if (kind === 'year' && /^\d{4}$/.test(value)) {
    const year = Number(value)
    return { kind, ...span(year, 4, 12), label: `Financial year ${year} to ${year + 1}` }
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value)
  if (kind === 'quarter' && quarter) {
    const year = Number(quarter[1])
    const q = Number(quarter[2])
    const month = ((q * 3) % 12) + 1
    const calendarYear = q === 4 ? year + 1 : year
    const range = span(calendarYear, month, 3)
    return { kind, ...range, label: `Quarter ${q} of ${year} to ${year + 1} (${MONTHS[month - 1] ?? ''} to ${MONTHS[month + 1] ?? ''} ${calendarYear})` }
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value)
  if (kind === 'month' && month) {
    const m = Number(month[2])
    return { kind, ...span(Number(month[1]), m, 1), label: `${MONTHS[m - 1] ?? ''} ${month[1] ?? ''}` }
  }
  return null
}

export function inPeriod(day: string | null, period: Period): boolean {
  return day !== null && day >= period.from && day <= period.to
}

export const AGE_BANDS = ['Under 1', '1 to 4', '5 to 9', '10 to 15', '16 and over', 'Not known'] as const
export type AgeBand = (typeof AGE_BANDS)[number]

/** The band of an age in whole years (as the Panel's annual reports band them). */
export function ageBand(age: number | null): AgeBand {
  if (age === null || Number.isNaN(age)) return 'Not known'
  if (age < 1) return 'Under 1'
  if (age < 5) return '1 to 4'
  if (age < 10) return '5 to 9'
  if (age < 16) return '10 to 15'
  return '16 and over'
}
