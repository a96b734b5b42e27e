import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import ExcelJS from 'exceljs'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { periodOf, type Figures } from '../../../domain/reports/index.js'
import { demoActor } from '../../../services/demo-cases.js'
import { DEMO, testApp } from '../../testing.js'
import { reportCsv } from './exports.js'

/** A page's text without tags or charts, to find figures in. */
const textOf = (body: string) => body.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const HYPERLINK = '=HYPERLINK("http://evil.example","Police")'

forEachDatabase('reports: who may see them, figures against the demo and two partner-raised cases, exports with a justification', async (database) => {
  const { browser, services } = await testApp(database)
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  // Hand-built on top of the demo (fixed clock, 24 November 2026): the police partner, named with
  // a formula, raises two incidents in November through the service.
  await database.db.updateTable('partner_organisations').set({ name: HYPERLINK }).where('kind', '=', 'police').execute()
  const police = await demoActor(services, DEMO.partner, cov.id)
  for (const awareDate of ['2026-11-02', '2026-11-16']) assert.ok((await services.partnerViews.raiseIncident(police, cov.id, { awareDate, outline: 'Test: raised by the police.' })).ok)

  for (const email of [DEMO.practitioner, DEMO.partner, DEMO.admin]) {
    const b = browser()
    await b.signIn(email)
    assert.equal((await b.get('/reports')).statusCode, 403, email)
    assert.equal((await b.get('/reports/yearly')).statusCode, 403, email)
    assert.equal((await b.get('/reports/export')).statusCode, 403, email)
  }
  for (const email of [DEMO.decisionOwner, DEMO.auditor]) {
    const b = browser()
    await b.signIn(email)
    const page = await b.get('/reports')
    assert.equal(page.statusCode, 200, email)
    assert.doesNotMatch(page.body, /Export these figures/, 'only the business unit exports')
    assert.equal((await b.get('/reports/export')).statusCode, 403, email)
  }

  const b = browser()
  await b.signIn(DEMO.businessUnit)
  const year = textOf((await b.get('/reports')).body)
  assert.match(year, /Figures for Financial year 2026 to 2027/)
  assert.match(year, /Incidents screened 13 /)
  assert.match(year, /Notifications made 5 /)
  assert.match(year, /Notifications within 5 working days 5 of 5 \(100%\)/)
  assert.match(year, /Rapid reviews sent on time 3 of 3 /)
  assert.match(year, /Learning actions overdue 1 /)
  assert.match(year, /Raised by Incidents Local authority 11 =HYPERLINK\(&quot;http:\/\/evil.example&quot;,&quot;Police&quot;\) 2 /, "escaped on the page")
  const page = (await b.get('/reports')).body
  assert.equal((page.match(/<svg role="img" aria-labelledby="[a-z-]+-title [a-z-]+-desc"/g) ?? []).length, 6, 'six charts, each an image with a title and description')
  assert.doesNotMatch(page, /<svg[^>]* style=/, 'no inline styles for the CSP to block')

  const november = textOf((await b.get('/reports?kind=month&month=2026-11')).body)
  assert.match(november, /Figures for November 2026/)
  assert.match(november, /Incidents screened 10 .*Notifications made 2 .*Local authority 8 =HYPERLINK.* 2 /, 'the two partner-raised cases are in November')
  assert.match(textOf((await b.get('/reports?kind=quarter&quarter=2026-Q1')).body), /Incidents screened 0 /)
  assert.match(textOf((await b.get('/reports?kind=month&month=not-a-month')).body), /Figures for Financial year 2026 to 2027/, 'a hand-edited period falls back to the year')
  assert.match(textOf((await b.get('/reports/yearly?year=2026')).body), /Figures for the yearly report .* Screening and decisions .*Incidents screened 13 .* Timeliness .*Notifications within 5 working days 5 of 5 \(100%\)/)

  const exports = () => database.db.selectFrom('audit_entries').select(['action', 'justification', 'outcome']).where('action', '=', 'export').orderBy('seq').execute()
  await b.get('/reports/export?kind=month&month=2026-11')
  const blank = await b.post('/reports/export', { kind: 'month', month: '2026-11', format: 'csv', justification: '  ' })
  assert.equal(blank.statusCode, 400)
  assert.match(blank.body, /There is a problem[\s\S]*Enter why you are exporting the report/)
  assert.deepEqual(await exports(), [], 'nothing audited without a justification')
  assert.equal((await b.post('/reports/export', { kind: 'month', month: '2026-11', format: 'csv', justification: 'For the board' }, null)).statusCode, 403, 'no CSRF token')

  const csv = await b.post('/reports/export', { kind: 'month', month: '2026-11', format: 'csv', justification: 'For the partnership board' })
  assert.equal(csv.statusCode, 200)
  assert.equal(csv.headers['content-disposition'], 'attachment; filename="report-2026-11-01-to-2026-11-30.csv"')
  assert.equal(csv.headers['cache-control'], 'no-store')
  assert.match(csv.body, /^November 2026\r\nSection,Measure,Value,Definition\r\n/)
  assert.match(csv.body, /Figures,Incidents screened,10,/)
  assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/evil.example"",""Police""\)",2/, 'the formula is neutralised')

  const xlsx = await b.post('/reports/export', { kind: 'year', year: '2026', format: 'xlsx', justification: 'For the yearly report' })
  assert.equal(xlsx.statusCode, 200)
  assert.match(String(xlsx.headers['content-type']), /spreadsheetml/)
  const book = new ExcelJS.Workbook()
  // A stream: exceljs types load() with an older Buffer than Node’s.
  await book.xlsx.read(Readable.from([xlsx.rawPayload]))
  const values: string[][] = []
  book.getWorksheet('Report')?.eachRow((row) => values.push(Array.isArray(row.values) ? row.values.slice(1).map(String) : []))
  assert.deepEqual(values.find((row) => row[1] === 'Incidents screened')?.slice(0, 3), ['Figures', 'Incidents screened', '13'])
  assert.ok(values.some((row) => row[1] === `'${HYPERLINK}` && row[2] === '2'), 'a text cell, not a formula')
  assert.deepEqual(await exports(), [
    { action: 'export', justification: 'For the partnership board', outcome: 'done: report csv' },
    { action: 'export', justification: 'For the yearly report', outcome: 'done: report xlsx' },
  ])
})

test('CSV export: formula injection payloads are neutralised in every cell', () => {
  const period = periodOf('month', '2026-11')
  assert.ok(period)
  const payloads = ['=HYPERLINK("http://evil.example","x")', '+1', '-1', '@SUM(A1:A2)', '\tTAB']
  const empty: Figures = { screened: 0, notificationsByKind: [], departures: 0, decisions: 0, timeliness: [], sentWithin5: 0, sent: 0, sharePercent: null, rapidReviewsSent: 0, rapidReviewsOnTime: 0, practiceReviewsCommissioned: 0, practiceReviewsPublished: 0, practiceReviewsPublishedOnTime: 0, actionsOverdue: 0, byAgeBand: [], byLookedAfter: [], byHarm: [], byPartner: payloads.map((band) => ({ band, count: 1 })) }
  const cells = reportCsv(empty, period).split('\r\n').flatMap((line) => line.split(',')).map((cell) => cell.replace(/^"/, ''))
  for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t]/, cell)
  for (const payload of payloads) assert.ok(cells.some((cell) => cell.startsWith(`'${payload.slice(0, 3)}`)), payload)
})
