import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CalendarDay, InvalidCalendarDayError, formatEpochDay, parseIsoToEpochDay } from './calendar-day.js'

describe('CalendarDay', () => {
  it('parses and formats YYYY-MM-DD, with 1970-01-01 as day 0', () => {
    assert.equal(CalendarDay.parse('1970-01-01').epochDay, 0)
    assert.equal(CalendarDay.parse('2026-11-24').toString(), '2026-11-24')
    assert.equal(CalendarDay.parse('1969-12-31').epochDay, -1)
  })

  it('rejects impossible dates, including 30 February and 29 February in a common year', () => {
    for (const text of ['2026-02-30', '2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '26-01-01', '2026/01/01', '2026-01-0a', '']) {
      assert.throws(() => CalendarDay.parse(text), InvalidCalendarDayError, text)
      assert.equal(CalendarDay.tryParse(text), undefined)
    }
  })

  it('accepts 29 February in leap years, including 2000', () => {
    assert.equal(CalendarDay.parse('2024-02-29').toString(), '2024-02-29')
    assert.equal(CalendarDay.parse('2000-02-29').toString(), '2000-02-29')
  })

  it('round-trips every day number between years 1 and 9999', () => {
    fc.assert(fc.property(fc.integer({ min: -719162, max: 2932896 }), (n) => parseIsoToEpochDay(formatEpochDay(n)) === n))
  })

  it('agrees with the UTC calendar on the day of the week and the date', () => {
    fc.assert(fc.property(fc.integer({ min: -100000, max: 100000 }), (n) => {
      const utc = new Date(n * 86400000)
      const day = CalendarDay.fromEpochDay(n)
      return day.toString() === utc.toISOString().slice(0, 10) && day.dayOfWeek === (utc.getUTCDay() || 7)
    }))
  })

  it('writes dates as people read them on GOV.UK pages', () => {
    assert.equal(CalendarDay.parse('2027-01-04').toLongString(), '4 January 2027')
    assert.equal(CalendarDay.parse('2027-01-04').toLongStringWithWeekday(), 'Monday 4 January 2027')
  })

  it('adds calendar months to the corresponding day, or the last day of a shorter month', () => {
    assert.equal(CalendarDay.parse('2026-08-31').addMonths(6).toString(), '2027-02-28')
    assert.equal(CalendarDay.parse('2027-08-31').addMonths(6).toString(), '2028-02-29')
    assert.equal(CalendarDay.parse('2026-03-31').addMonths(6).toString(), '2026-09-30')
    assert.equal(CalendarDay.parse('2026-07-15').addMonths(6).toString(), '2027-01-15')
    assert.equal(CalendarDay.parse('2026-01-31').addMonths(-2).toString(), '2025-11-30')
  })
})
