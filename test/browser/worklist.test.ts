// The worklist in a browser: axe on it as the business unit (the fullest list, with the banner),
// filtered, and after a search posted by the form; the search term never reaches the URL.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()

test('the worklist passes axe, filters and searches without putting the term in the URL', async () => {
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.businessUnit, async (page) => {
    await page.goto(`${run.service.url}/`)
    assert.match(await page.content(), /Your worklist/)
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/worklist.png`, fullPage: true })

    await page.getByLabel('State').selectOption('overdue')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/state=overdue/)
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/worklist-filtered.png`, fullPage: true })

    await page.getByLabel('Search by case reference or child’s name').fill('Child B Demo')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForLoadState()
    assert.doesNotMatch(page.url(), /Child/)
    assert.match(await page.content(), /1 result for your search/)
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/worklist-search.png`, fullPage: true })
  })
  assert.deepEqual(violations, [])
})
