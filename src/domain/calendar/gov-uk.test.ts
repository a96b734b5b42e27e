import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { HolidayFileError, mergeHolidays, parseGovUkHolidays, toGovUkJson } from './gov-uk.js'

const event = (date: string, title = 'Holiday', notes = '') => ({ title, date, notes, bunting: true })
const govUk = (events: unknown[], extra: Record<string, unknown> = {}) => ({ ...extra, 'england-and-wales': { division: 'england-and-wales', events }, scotland: { division: 'scotland', events: [] } })

describe('reading the GOV.UK bank-holidays.json shape', () => {
  it('reads the England and Wales events, sorted, with GOV.UK as the default source', () => {
    const file = parseGovUkHolidays(govUk([event('2027-01-01', 'New Year’s Day'), event('2026-12-28', 'Boxing Day', 'Substitute day')]))
    assert.deepEqual(file.holidays.map((h) => h.date.toString()), ['2026-12-28', '2027-01-01'])
    assert.equal(file.holidays[0]?.notes, 'Substitute day')
    assert.equal(file.provenance.source, 'https://www.gov.uk/bank-holidays.json')
    assert.deepEqual(file.provenance.provisionalYears, [])
  })

  it('reads our metadata: source, retrieved and provisional years', () => {
    const file = parseGovUkHolidays(govUk([event('2028-01-03')], { source: 'x', retrieved: '2026-11-24', provisional: ['2028'] }))
    assert.deepEqual(file.provenance, { source: 'x', retrieved: '2026-11-24', provisionalYears: [2028] })
  })

  const bad: [string, unknown, RegExp][] = [
    ['not an object', [], /JSON object/],
    ['no england-and-wales key', { scotland: {} }, /no "england-and-wales"/],
    ['the wrong division', { 'england-and-wales': { division: 'scotland', events: [event('2026-01-01')] } }, /division/],
    ['no events', govUk([]), /events must be a non-empty list/],
    ['an impossible date', govUk([event('2026-02-30')]), /events\[0\]\.date "2026-02-30"/],
    ['a missing title', govUk([{ date: '2026-01-01', notes: '', bunting: true }]), /events\[0\]\.title/],
    ['bunting that is not a boolean', govUk([{ ...event('2026-01-01'), bunting: 'yes' }]), /bunting/],
    ['a date listed twice', govUk([event('2026-01-01'), event('2026-01-01')]), /listed twice/],
    ['a bad retrieved date', govUk([event('2026-01-01')], { retrieved: '2026-13-01' }), /retrieved/],
  ]
  for (const [what, json, message] of bad) {
    it(`rejects a file with ${what}, saying where`, () => {
      assert.throws(() => parseGovUkHolidays(json), (e: unknown) => e instanceof HolidayFileError && message.test(e.message))
    })
  }

  it('writes back the GOV.UK shape, so the bundled file is also a valid --holidays file', () => {
    const file = parseGovUkHolidays(govUk([event('2026-01-01', 'New Year’s Day')], { source: 's', retrieved: '2026-11-24', provisional: ['2026'] }))
    assert.deepEqual(parseGovUkHolidays(toGovUkJson(file)), file)
  })
})

describe('merging a newer GOV.UK file', () => {
  const current = parseGovUkHolidays(govUk([event('2018-01-01'), event('2026-12-28', 'Boxing Day'), event('2028-01-03', 'New Year’s Day'), event('2028-05-01')], { provisional: ['2028'], retrieved: '2026-11-24' }))

  it('adds new dates, keeps every past date the new file no longer lists, and reports what it added', () => {
    const incoming = parseGovUkHolidays(govUk([event('2026-12-28', 'Boxing Day'), event('2029-01-01', 'New Year’s Day')], { retrieved: '2027-06-01' }))
    const merge = mergeHolidays(current, incoming)
    assert.deepEqual(merge.added.map((h) => h.date.toString()), ['2029-01-01'])
    assert.deepEqual(merge.merged.holidays.map((h) => h.date.toString()), ['2018-01-01', '2026-12-28', '2028-01-03', '2028-05-01', '2029-01-01'])
    assert.equal(merge.merged.provenance.retrieved, '2027-06-01')
  })

  it('reports changed titles, and takes the new title', () => {
    const incoming = parseGovUkHolidays(govUk([event('2026-12-28', 'Boxing Day (substitute)')]))
    const merge = mergeHolidays(current, incoming)
    assert.deepEqual(merge.retitled.map((r) => [r.date.toString(), r.from, r.to]), [['2026-12-28', 'Boxing Day', 'Boxing Day (substitute)']])
    assert.equal(merge.merged.holidays.find((h) => h.date.toString() === '2026-12-28')?.title, 'Boxing Day (substitute)')
    assert.deepEqual(merge.added, [])
  })

  it('confirms a provisional year the new file covers, and flags held dates it does not list', () => {
    const incoming = parseGovUkHolidays(govUk([event('2028-01-03', 'New Year’s Day'), event('2028-05-08', 'Early May bank holiday')]))
    const merge = mergeHolidays(current, incoming)
    assert.deepEqual(merge.confirmedYears, [2028])
    assert.deepEqual(merge.merged.provenance.provisionalYears, [])
    assert.deepEqual(merge.keptButNotInIncoming.map((h) => h.date.toString()), ['2028-05-01'])
    assert.equal(merge.merged.holidays.length, current.holidays.length + 1)
  })
})
