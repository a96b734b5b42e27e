// Importing bank holidays moves running deadlines: each case moved gets a line in its history.
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { bundledCalendarPath } from '../../src/calendar/bundled.js'
import { sinBinary } from '../../src/cli/run-sin.test-helper.js'
import { migrateToLatest, openDatabase } from '../../src/data/db.js'
import { CalendarDay } from '../../src/domain/calendar/index.js'
import { createServices } from '../../src/services/index.js'

/** Every weekday in the next three weeks as a (fictional) bank holiday: it must move something. */
function fictionalHolidays(): string {
  const today = CalendarDay.parse(new Date().toISOString().slice(0, 10))
  const events = Array.from({ length: 21 }, (_, i) => today.addDays(i + 1))
    .filter((day) => day.dayOfWeek <= 5)
    .map((day) => ({ title: 'Fictional test holiday', date: day.toString(), notes: '', bunting: false }))
  return JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events } })
}

test('sin holidays import records the moved deadlines on each case when DATABASE_URL names the database', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sin-holidays-'))
  try {
    const url = `sqlite:${join(folder, 'sin.db')}`
    const database = await openDatabase(url)
    await migrateToLatest(database)
    await createServices(database).loadDemo()
    await database.close()
    const calendar = join(folder, 'calendar.json')
    copyFileSync(bundledCalendarPath, calendar)
    writeFileSync(join(folder, 'new.json'), fictionalHolidays())

    const result = await sinBinary(['holidays', 'import', join(folder, 'new.json'), '--into', calendar], '', { DATABASE_URL: url, NODE_ENV: 'development' })
    assert.equal(result.status, 0, result.stderr)
    const moved = /Deadlines moved on (\d+) cases?/.exec(result.stdout)
    assert.ok(moved && Number(moved[1]) > 0, result.stdout)
    const reference = /^ {2}([A-Z]+-\d{4}-\d{4}): /m.exec(result.stdout)?.[1]
    assert.ok(reference, 'names a moved case by its reference')

    const reopened = await openDatabase(url)
    try {
      const entries = await reopened.db.selectFrom('audit_entries').select('action').where('action', '=', 'clocks.recomputed').execute()
      assert.equal(entries.length, Number(moved[1]), 'one audit entry per moved case')
    } finally {
      await reopened.close()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
