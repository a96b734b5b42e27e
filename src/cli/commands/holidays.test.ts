// sin holidays list and import. Imports run on temporary copies, never on the bundled file.
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { bundledCalendarPath } from '../../calendar/bundled.js'
import { sinInProcess } from '../run-sin.test-helper.js'

const dir = mkdtempSync(join(tmpdir(), 'sin-holidays-'))
const govUk = (events: { title: string; date: string; notes?: string }[]) =>
  JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: events.map((e) => ({ notes: '', bunting: true, ...e })) } })
function copyOfBundled(name: string): string {
  const path = join(dir, name)
  copyFileSync(bundledCalendarPath, path)
  return path
}
const dates = (path: string) => (JSON.parse(readFileSync(path, 'utf8'))['england-and-wales'].events as { date: string }[]).map((e) => e.date)

describe('sin holidays list', () => {
  it('prints each holiday of a year as date and title, one a line', async () => {
    const { status, stdout } = await sinInProcess(['holidays', 'list', '--year', '2023'])
    assert.equal(status, 0)
    const lines = stdout.trimEnd().split('\n')
    assert.equal(lines.length, 9)
    assert.equal(lines[0], '2023-01-02  New Year’s Day (substitute day)')
    assert.ok(lines.includes('2023-05-08  Bank holiday for the coronation of King Charles III'))
  })
  it('marks the provisional year', async () => {
    assert.match((await sinInProcess(['holidays', 'list', '--year', '2028'])).stdout, /2028-12-26 {2}Boxing Day \[provisional\]/)
  })
  it('lists every year when no --year is given', async () => {
    assert.equal((await sinInProcess(['holidays', 'list'])).stdout.trimEnd().split('\n').length, 91)
  })
  for (const [what, argv, named] of [
    ['a year the calendar does not cover', ['list', '--year', '2035'], /--year 2035 is outside/],
    ['a malformed year', ['list', '--year', '26'], /--year must be a year/],
    ['no subcommand', [], /say "list" or "import"/],
    ['an unknown subcommand', ['remove'], /unknown subcommand "remove"/],
    ['import without a FILE', ['import'], /exactly one FILE/],
  ] as const) {
    it(`refuses ${what} with exit status 2`, async () => {
      const { status, stdout, stderr } = await sinInProcess(['holidays', ...argv])
      assert.deepEqual([status, stdout], [2, ''])
      assert.match(stderr, named)
    })
  }
})

describe('sin holidays import', () => {
  it('adds the new dates, drops none of the old, prints what it added and stamps the retrieval date', async () => {
    const into = copyOfBundled('add.json')
    const before = dates(into)
    const incoming = join(dir, 'incoming.json')
    writeFileSync(incoming, govUk([{ title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day' }, { title: 'New Year’s Day', date: '2029-01-01' }]))
    const { status, stdout } = await sinInProcess(['holidays', 'import', incoming, '--into', into, '--retrieved', '2027-01-15'])
    assert.equal(status, 0)
    assert.match(stdout, /Added 1 date:\n {2}2029-01-01 {2}New Year’s Day/)
    const after = dates(into)
    assert.deepEqual(after, [...before, '2029-01-01'])
    const json = JSON.parse(readFileSync(into, 'utf8'))
    assert.equal(json.retrieved, '2027-01-15')
    assert.equal(json.source, 'https://www.gov.uk/bank-holidays.json')
    assert.ok(typeof json.notes === 'string', 'other top-level fields are kept')
    // The result is still a valid --holidays file that now reaches into 2029.
    assert.equal((await sinInProcess(['deadline', '--from', '2028-12-22', '--working-days', '5', '--holidays', into])).stdout, '2029-01-03\n')
  })
  it('says when no dates were added and leaves the file untouched', async () => {
    const into = copyOfBundled('same.json')
    const original = readFileSync(into, 'utf8')
    const incoming = join(dir, 'same-incoming.json')
    writeFileSync(incoming, govUk([{ title: 'Christmas Day', date: '2025-12-25' }]))
    const { status, stdout } = await sinInProcess(['holidays', 'import', incoming, '--into', into])
    assert.equal(status, 0)
    assert.match(stdout, /No dates added/)
    assert.equal(readFileSync(into, 'utf8'), original)
  })
  it('confirms the provisional year and flags a held date the new file does not list', async () => {
    const into = copyOfBundled('confirm.json')
    const incoming = join(dir, 'year-2028.json')
    writeFileSync(incoming, govUk([{ title: 'Early May bank holiday', date: '2028-05-08' }]))
    const { stdout } = await sinInProcess(['holidays', 'import', incoming, '--into', into, '--retrieved', '2027-06-01'])
    assert.match(stdout, /Kept 2028-05-01 Early May bank holiday.*check it/)
    assert.match(stdout, /No longer provisional: 2028/)
    assert.deepEqual(JSON.parse(readFileSync(into, 'utf8')).provisional, [])
    assert.ok(dates(into).includes('2028-05-01'))
  })
  it('refuses a FILE that is not in the GOV.UK shape, changing nothing', async () => {
    const into = copyOfBundled('refuse.json')
    const original = readFileSync(into, 'utf8')
    const incoming = join(dir, 'wrong.json')
    writeFileSync(incoming, govUk([{ title: 'Bad', date: '2029-02-30' }]))
    const { status, stdout, stderr } = await sinInProcess(['holidays', 'import', incoming, '--into', into])
    assert.deepEqual([status, stdout], [2, ''])
    assert.match(stderr, /FILE: .*events\[0\]\.date "2029-02-30"/)
    assert.equal(readFileSync(into, 'utf8'), original)
  })
})
