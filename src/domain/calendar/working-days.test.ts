import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { loadBundledCalendar } from '../../calendar/bundled.js'
import { BankHolidayCalendar, OutsideCalendarError } from './bank-holiday-calendar.js'
import { CalendarDay } from './calendar-day.js'

const calendar = loadBundledCalendar()
const day = (text: string) => CalendarDay.parse(text)
const add = (from: string, n: number, c: BankHolidayCalendar = calendar) => c.addWorkingDays(day(from), n).toString()
const count = (from: string, to: string) => calendar.countWorkingDays(day(from), day(to))

/** The obvious, slow way: step one day at a time. The engine must agree with it. */
function naiveAdd(c: BankHolidayCalendar, from: number, n: number): number {
  let d = from
  for (let left = n; left > 0; ) {
    d += 1
    const cd = CalendarDay.fromEpochDay(d)
    if (!cd.isWeekend && !c.holidayOn(cd)) left -= 1
  }
  return d
}
function naiveCount(c: BankHolidayCalendar, from: number, to: number): number {
  let n = 0
  for (let d = from + 1; d <= to; d++) {
    const cd = CalendarDay.fromEpochDay(d)
    if (!cd.isWeekend && !c.holidayOn(cd)) n += 1
  }
  return n
}

// Any start day from which 400 working days stay inside the bundled calendar.
const startDay = fc.integer({ min: calendar.firstDay - 1, max: calendar.lastDay - 600 })

describe('working days: named edges', () => {
  it('counts the day of awareness as day 0 and returns it for 0 working days, even on a Saturday', () => {
    assert.equal(add('2026-11-21', 0), '2026-11-21')
    assert.equal(add('2026-11-20', 1), '2026-11-23')
  })
  it('awareness on a Saturday: the 5th working day is the next Friday', () => {
    assert.equal(add('2026-11-21', 5), '2026-11-27')
  })
  it('awareness on Good Friday: Easter Monday is skipped', () => {
    assert.equal(add('2026-04-03', 5), '2026-04-13')
    assert.equal(add('2025-04-18', 1), '2025-04-22')
  })
  it('awareness on Christmas Day 2026: the Boxing Day substitute and New Year\'s Day are skipped', () => {
    assert.equal(add('2026-12-25', 5), '2027-01-05')
  })
  it('the one-off holiday of 2020 (VE day, 8 May) is not a working day', () => {
    assert.equal(add('2020-05-07', 1), '2020-05-11')
    assert.equal(calendar.isWorkingDay(day('2020-05-04')), true)
  })
  it('the one-off holidays of 2022 (Platinum Jubilee, State Funeral) are not working days', () => {
    assert.equal(add('2022-06-01', 1), '2022-06-06')
    assert.equal(add('2022-09-16', 1), '2022-09-20')
  })
  it('the one-off holiday of 2023 (Coronation, 8 May) is not a working day', () => {
    assert.equal(add('2023-05-05', 1), '2023-05-09')
  })
  it('29 February is an ordinary working day in a leap year', () => {
    assert.equal(add('2024-02-28', 1), '2024-02-29')
    assert.equal(count('2024-02-28', '2024-03-01'), 2)
    assert.equal(add('2028-02-28', 2), '2028-03-01')
  })
  it('counts across a year end, skipping the Christmas substitutes and New Year\'s Day', () => {
    assert.equal(add('2026-12-23', 5), '2027-01-04')
    assert.equal(count('2026-12-23', '2027-01-04'), 5)
    assert.equal(add('2021-12-24', 1), '2021-12-29')
    assert.equal(add('2022-12-23', 5), '2023-01-04')
  })
  it('counts 0 when the end is not after the start', () => {
    assert.equal(count('2026-05-05', '2026-05-05'), 0)
    assert.equal(count('2026-05-05', '2026-05-01'), 0)
  })
  it('counts back 7 working days before a publication date, across New Year', () => {
    assert.equal(calendar.subtractWorkingDays(day('2027-01-11'), 7).toString(), '2026-12-30')
    assert.equal(calendar.subtractWorkingDays(day('2026-11-28'), 1).toString(), '2026-11-27')
  })
  it('refuses to count onto a day after the last year covered, naming the first such day', () => {
    assert.throws(() => add('2028-12-22', 5), (e: unknown) => e instanceof OutsideCalendarError && e.day.toString() === '2029-01-01')
    assert.throws(() => count('2028-12-01', '2029-01-02'), OutsideCalendarError)
  })
  it('refuses to count from before the first year covered, but may start on its eve', () => {
    assert.throws(() => add('2017-12-30', 1), OutsideCalendarError)
    assert.equal(add('2017-12-31', 1), '2018-01-02')
    assert.throws(() => calendar.subtractWorkingDays(day('2018-01-02'), 1), OutsideCalendarError)
  })
  it('covers each whole year from the earliest event to the latest', () => {
    assert.equal(calendar.firstYear, 2018)
    assert.equal(calendar.lastYear, 2028)
    assert.equal(add('2028-12-22', 2), '2028-12-28')
  })
})

describe('working days: properties', () => {
  it('counting the working days up to an added date gives back the number added', () => {
    fc.assert(fc.property(startDay, fc.integer({ min: 0, max: 400 }), (from, n) =>
      calendar.countWorkingDaysBetweenEpochDays(from, calendar.addWorkingDaysToEpochDay(from, n)) === n))
  })
  it('a deadline (1 or more working days) is never a weekend or a bank holiday', () => {
    fc.assert(fc.property(startDay, fc.integer({ min: 1, max: 400 }), (from, n) => {
      const due = CalendarDay.fromEpochDay(calendar.addWorkingDaysToEpochDay(from, n))
      return !due.isWeekend && calendar.holidayOn(due) === undefined
    }))
  })
  it('deadlines never move earlier as the number of days grows', () => {
    fc.assert(fc.property(startDay, fc.integer({ min: 0, max: 399 }), (from, n) =>
      calendar.addWorkingDaysToEpochDay(from, n + 1) > calendar.addWorkingDaysToEpochDay(from, n)))
  })
  it('adding and counting agree with stepping day by day over the bundled calendar', () => {
    fc.assert(fc.property(startDay, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 90 }), (from, n, span) => {
      assert.equal(calendar.addWorkingDaysToEpochDay(from, n), naiveAdd(calendar, from, n))
      assert.equal(calendar.countWorkingDaysBetweenEpochDays(from, from + span), naiveCount(calendar, from, from + span))
    }), { numRuns: 500 })
  })
  it('adding and counting agree with stepping day by day over random holiday clusters', () => {
    const first = CalendarDay.parse('2030-01-01').epochDay
    const holidays = fc.uniqueArray(fc.integer({ min: first, max: first + 729 }), { minLength: 1, maxLength: 60 })
    fc.assert(fc.property(holidays, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 60 }), (days, offset, n) => {
      const events = [...days, first, first + 729].filter((d, i, all) => all.indexOf(d) === i)
      const c = new BankHolidayCalendar(events.map((d) => ({ date: CalendarDay.fromEpochDay(d), title: 'Holiday', notes: '', bunting: false })), { source: 'test', retrieved: undefined, provisionalYears: [] })
      const from = first + offset
      assert.equal(c.addWorkingDaysToEpochDay(from, n), naiveAdd(c, from, n))
      assert.equal(c.countWorkingDaysBetweenEpochDays(from, from + n), naiveCount(c, from, from + n))
    }), { numRuns: 300 })
  })
  it('counting back then forward returns to the same working day', () => {
    fc.assert(fc.property(fc.integer({ min: calendar.firstDay + 600, max: calendar.lastDay }), fc.integer({ min: 0, max: 400 }), (to, n) => {
      const d = CalendarDay.fromEpochDay(to)
      fc.pre(calendar.isWorkingDay(d))
      return calendar.addWorkingDays(calendar.subtractWorkingDays(d, n), n).equals(d)
    }))
  })
})
