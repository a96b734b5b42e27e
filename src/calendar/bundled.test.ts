// The bundled calendar, cross-checked against the rule-based date-holidays package for every year
// it covers. date-holidays also lists weekend-dated originals beside their substitutes and
// observances such as Mother's Day, which GOV.UK does not; those are filtered out first.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Holidays from 'date-holidays'
import { loadBundledCalendar } from './bundled.js'

const calendar = loadBundledCalendar()

function dateHolidaysFor(year: number): string[] {
  const list = new Holidays('GB', 'ENG').getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank')
  const substituted = new Set(list.filter((h) => /substitute/i.test(h.name)).map((h) => h.name.replace(/\s*\(substitute day\)/i, '')))
  return list
    .filter((h) => !(substituted.has(h.name) && !/substitute/i.test(h.name) && [0, 6].includes(new Date(`${h.date.slice(0, 10)}T12:00:00Z`).getUTCDay())))
    .map((h) => h.date.slice(0, 10))
    .sort()
}

describe('the bundled England and Wales calendar', () => {
  it('covers 2018 to 2028, with 2028 marked provisional, and says where it came from', () => {
    assert.equal(calendar.firstYear, 2018)
    assert.equal(calendar.lastYear, 2028)
    assert.deepEqual(calendar.provenance.provisionalYears, [2028])
    assert.equal(calendar.provenance.source, 'https://www.gov.uk/bank-holidays.json')
    assert.match(calendar.provenance.retrieved ?? '', /^\d{4}-\d{2}-\d{2}$/)
  })

  it('writes titles as GOV.UK does, with the typographic apostrophe', () => {
    assert.equal(calendar.holidayOn(calendar.holidays[0]!.date)?.title, 'New Year’s Day')
    assert.ok(calendar.holidays.every((h) => !h.title.includes("'")))
  })

  for (let year = 2018; year <= 2028; year++) {
    it(`matches date-holidays for ${year}`, () => {
      assert.deepEqual(calendar.holidaysIn(year).map((h) => h.date.toString()), dateHolidaysFor(year))
    })
  }
})
