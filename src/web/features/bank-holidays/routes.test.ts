import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundledCalendarPath } from '../../../calendar/bundled.js'
import type { Database } from '../../../data/db.js'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { DEMO, testApp } from '../../testing.js'

/** A copy of the bundled calendar for each test: applying a file writes it. */
function calendarCopy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sin-holidays-')), 'england-and-wales.json')
  copyFileSync(bundledCalendarPath, path)
  return path
}

const event = (date: string, title: string) => ({ title, date, notes: '', bunting: true })
/** A GOV.UK-shaped download (fictional future dates), with a one-off holiday during the demo's running clocks. */
const govUkFile = JSON.stringify({
  'england-and-wales': {
    division: 'england-and-wales',
    events: [event('2026-11-27', 'Test one-off bank holiday'), event('2029-01-01', 'New Year’s Day'), event('2029-12-25', 'Christmas Day')],
  },
  scotland: { division: 'scotland', events: [] },
})

async function auditActions(database: Database, action: string): Promise<string[]> {
  const rows = await database.db.selectFrom('audit_entries').select(['action', 'outcome']).where('action', '=', action).execute()
  return rows.map((r) => r.outcome)
}

async function asAdmin(database: Database, holidaysFile: string) {
  const setup = await testApp(database, { holidaysFile })
  const admin = setup.browser()
  await admin.signIn(DEMO.admin)
  await admin.get('/settings/bank-holidays')
  return { ...setup, admin }
}

forEachDatabase('the preview lists the dates a file adds and stores nothing; applying merges them and records moved deadlines', async (database) => {
  const file = calendarCopy()
  const before = readFileSync(file, 'utf8')
  const { app, admin, services } = await asAdmin(database, file)
  const preview = await admin.upload('/settings/bank-holidays', { name: 'bank-holidays.json', content: govUkFile })
  assert.equal(preview.statusCode, 200)
  assert.match(preview.body, /3 dates to add/)
  assert.match(preview.body, /27 November 2026[\s\S]*Test one-off bank holiday/)
  assert.match(preview.body, /1 January 2029/)
  assert.doesNotMatch(preview.body, /No longer provisional/, 'the file lists nothing in 2028, so 2028 stays provisional')
  assert.equal(readFileSync(file, 'utf8'), before, 'the preview changes nothing')
  assert.equal(services.calendar.lastYear, 2028)

  const applied = await admin.post('/settings/bank-holidays/apply', { holidays: govUkFile })
  assert.equal(applied.statusCode, 303)
  const merged = JSON.parse(readFileSync(file, 'utf8')) as { 'england-and-wales': { events: { date: string }[] }; notes?: string }
  const dates = merged['england-and-wales'].events.map((e) => e.date)
  assert.ok(dates.includes('2029-01-01') && dates.includes('2026-11-27') && dates.includes('2018-01-01'), 'added dates, and old ones kept')
  assert.ok(merged.notes, 'the file’s other fields are kept')
  assert.equal(services.calendar.lastYear, 2029, 'deadlines are counted on the new calendar at once')
  assert.ok((await auditActions(database, 'clocks.recomputed')).length > 0, 'running deadlines that moved are recorded on their cases')
  assert.match((await auditActions(database, 'bank-holidays.imported')).join(), /done: 3 added/)
  assert.match((await admin.get(applied.headers.location ?? '')).body, /The bank holidays were updated/)
  await app.close()
})

forEachDatabase('invalid files get an error summary and store nothing', async (database) => {
  const file = calendarCopy()
  const before = readFileSync(file, 'utf8')
  const { app, admin } = await asAdmin(database, file)
  const cases: [string, string | Buffer, RegExp][] = [
    ['bank-holidays.json', '{ not json', /The file is not valid JSON/],
    ['bank-holidays.json', JSON.stringify({ scotland: {} }), /has no &quot;england-and-wales&quot; object/],
    ['bank-holidays.json', JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [event('2029-02-30', 'Not a day')] } }), /2029-02-30.*is not a real date/],
    ['holidays.csv', 'date,title', /must be a JSON file/],
    ['bank-holidays.json', Buffer.alloc(2 * 1024 * 1024 + 10, 32), /smaller than 2 MB/],
  ]
  for (const [name, content, message] of cases) {
    const response = await admin.upload('/settings/bank-holidays', { name, content })
    assert.equal(response.statusCode, 400, name)
    assert.match(response.body, /govuk-error-summary[\s\S]*href="#file"/, name)
    assert.match(response.body, message)
  }
  const tampered = await admin.post('/settings/bank-holidays/apply', { holidays: '[]' })
  assert.equal(tampered.statusCode, 400)
  assert.equal(readFileSync(file, 'utf8'), before)
  assert.equal((await auditActions(database, 'bank-holidays.imported')).length, 0)
  await app.close()
})

forEachDatabase('a multipart upload without a valid CSRF token is refused; other roles cannot reach the page', async (database) => {
  const { app, admin, browser } = await asAdmin(database, calendarCopy())
  assert.equal((await admin.upload('/settings/bank-holidays', { name: 'bank-holidays.json', content: govUkFile }, {}, null)).statusCode, 403)
  assert.equal((await admin.upload('/settings/bank-holidays', { name: 'bank-holidays.json', content: govUkFile }, {}, 'not-the-token')).statusCode, 403)
  assert.equal((await admin.post('/settings/bank-holidays/apply', { holidays: govUkFile }, null)).statusCode, 403)
  const other = await app.inject({ method: 'POST', url: '/settings/details', cookies: Object.fromEntries(admin.cookies), headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' })
  assert.ok([400, 415].includes(other.statusCode), 'routes without uploads still refuse multipart bodies')
  assert.match(other.body, /problem with your request/)
  const practitioner = browser()
  await practitioner.signIn(DEMO.practitioner)
  assert.equal((await practitioner.get('/settings/bank-holidays')).statusCode, 403)
  await app.close()
})

forEachDatabase('admins see the warning from six months before the calendar runs out, and others never', async (database) => {
  const { app, clock, browser } = await testApp(database, { holidaysFile: calendarCopy() })
  const pageAt = async (londonMidnightUtc: string, email: string) => {
    clock.set(londonMidnightUtc)
    const user = browser()
    await user.signIn(email)
    return (await user.get('/')).body
  }
  // The bundled calendar covers up to 31 December 2028; 1 July 2028 begins at 23:00 UTC on 30 June (BST).
  assert.doesNotMatch(await pageAt('2028-06-30T22:59:59.000Z', DEMO.admin), /calendar runs out/)
  const warned = await pageAt('2028-06-30T23:00:00.000Z', DEMO.admin)
  assert.match(warned, /The bank holiday calendar runs out on 31 December 2028/)
  assert.match(warned, /href="\/settings\/bank-holidays"/)
  assert.doesNotMatch(await pageAt('2028-06-30T23:00:00.000Z', DEMO.practitioner), /calendar runs out/)
  await app.close()
})
