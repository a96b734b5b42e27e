// Retention and rights in a browser: the retention settings (with an error), the privacy notice,
// and a subject access export from the case page (with its error, then the readable page); axe on
// each, with screenshots.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()

test('the retention settings, the privacy notice and the subject access export pass axe', async () => {
  const violations: string[] = []
  const checker = (page: Parameters<Parameters<typeof asUser>[3]>[0]) => async (name: string) => {
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
  }
  await asUser(run.browser, run.service.url, DEMO.admin, async (page) => {
    const check = checker(page)
    await page.goto(`${run.service.url}/settings`)
    await page.getByRole('link', { name: 'Retention periods' }).click()
    await check('retention-settings')
    await page.getByLabel('Closed cases').fill('two hundred')
    await page.getByRole('button', { name: 'Save retention periods' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem/)
    await check('retention-settings-error')
    await page.getByLabel('Closed cases').fill('40')
    await page.getByRole('button', { name: 'Save retention periods' }).click()
    await page.waitForURL(/\/settings\/retention$/)
    await page.goto(`${run.service.url}/privacy`)
    assert.match(await page.content(), /Anonymised 40 years after the last change to the case/)
    await check('privacy-notice')
  })
  await asUser(run.browser, run.service.url, DEMO.businessUnit, async (page) => {
    const check = checker(page)
    await page.goto(`${run.service.url}/incidents`)
    await page.getByRole('link', { name: /COV-/ }).first().click()
    await page.getByRole('link', { name: 'Export child 1’s information for a subject access request' }).click()
    await check('subject-access-form')
    await page.getByRole('button', { name: 'Export' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem/)
    await check('subject-access-error')
    await page.getByLabel('Why you need it').fill('SAR-0004 (fictional)')
    await page.getByRole('button', { name: 'Export' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /Subject access export: COV-/)
    await check('subject-access-export')
    await page.screenshot({ path: `${SCREENSHOTS}/subject-access-export-top.png` })
    await page.locator('#decisions').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/subject-access-export-decisions.png` })
  })
  assert.deepEqual(violations, [])
})
