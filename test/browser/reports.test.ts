// The reports in a browser: axe on the year's figures with their charts, a changed period, the
// yearly report and the export's justification (with its error), as the business unit.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()

test('the report pages and the export justification pass axe; the period can be changed', async () => {
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.businessUnit, async (page) => {
    const check = async (name: string) => {
      violations.push(...(await accessibilityViolations(page)))
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    }
    await page.goto(`${run.service.url}/reports`)
    assert.match(await page.content(), /Figures for Financial year 2026 to 2027/)
    assert.equal(await page.locator('svg[role="img"]').count(), 6)
    await check('reports')

    await page.getByLabel('Period').selectOption('month:2026-10')
    await page.getByRole('button', { name: 'Show figures' }).click()
    await page.waitForURL(/period=month/)
    assert.match(await page.content(), /Figures for October 2026/)
    await check('reports-month')

    await page.goto(`${run.service.url}/reports/yearly?year=2026`)
    assert.match(await page.content(), /Figures for the yearly report/)
    await check('reports-yearly')

    await page.getByRole('link', { name: 'Export these figures as CSV or XLSX' }).click()
    await page.getByRole('button', { name: 'Export' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem/)
    await check('reports-export-error')
  })
  assert.deepEqual(violations, [])
})
