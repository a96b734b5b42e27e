// Importing cases from a spreadsheet in a browser, as a practitioner: the upload's error, the
// column choices, a dry run with problems, then a clean file imported. axe on every page.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()

async function uploadFile(page: Page, file: string): Promise<void> {
  await page.goto(`${run.service.url}/incidents/import`)
  await page.getByLabel('Spreadsheet').setInputFiles(`test/fixtures/import/${file}`)
  await page.getByRole('button', { name: 'Upload' }).click()
  await page.waitForURL(/\/columns$/)
}

test('a practitioner checks a tracker with mistakes, then imports a clean one', async () => {
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.practitioner, async (page) => {
    const check = async (name: string) => {
      violations.push(...(await accessibilityViolations(page)))
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    }
    await page.goto(`${run.service.url}/incidents`)
    await page.getByRole('link', { name: 'Import cases from a spreadsheet' }).click()
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem[\s\S]*Select a CSV or XLSX file/)
    await check('import-upload-error')

    await uploadFile(page, 'tracker-with-errors.xlsx')
    assert.equal(await page.getByLabel('Case reference').inputValue(), '0', 'the reference column is guessed from its header')
    await check('import-columns')
    await page.getByRole('button', { name: 'Check the rows' }).click()
    await page.waitForURL(/\/check$/)
    assert.match(await page.content(), /1 of 7 rows would be imported/)
    assert.equal(await page.locator('tbody tr').count(), 6)
    await check('import-dry-run-problems')

    await uploadFile(page, 'tracker-clean.csv')
    await page.getByRole('button', { name: 'Check the rows' }).click()
    await page.waitForURL(/\/check$/)
    await check('import-dry-run-clean')
    await page.getByRole('button', { name: 'Import 3 cases' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /Cases imported/)
    await check('import-done')
  })
  assert.deepEqual(violations, [])
})
