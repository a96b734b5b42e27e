// The bank holiday page in a browser, as an admin in August 2028 (so the calendar, which runs to
// the end of 2028, is within six months of running out): the banner, the upload with an error,
// the preview of a fictional 2029 file, and applying it. axe on each page.
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { bundledCalendarPath } from '../../src/calendar/bundled.js'
import { testClock } from '../../src/services/index.js'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const holidaysFile = join(mkdtempSync(join(tmpdir(), 'sin-holidays-')), 'england-and-wales.json')
copyFileSync(bundledCalendarPath, holidaysFile)
const run = serviceAndBrowser({ holidaysFile, now: testClock('2028-08-01T09:00:00.000Z') })

test('an admin is warned, uploads the new bank holidays, checks what they add and applies them', async () => {
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.admin, async (page) => {
    const check = async (name: string) => {
      violations.push(...(await accessibilityViolations(page)))
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    }
    assert.match(await page.content(), /The bank holiday calendar runs out on 31 December 2028/)
    await check('bank-holidays-banner')
    await page.getByRole('link', { name: 'Upload the latest bank holidays from GOV.UK' }).click()
    await page.getByRole('button', { name: 'Check the file' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem[\s\S]*Select a bank-holidays.json file/)
    assert.doesNotMatch(await page.content(), /calendar runs out on/, 'no banner on the page it links to')
    await check('bank-holidays-error')

    await page.getByLabel('Bank holidays file').setInputFiles('test/fixtures/bank-holidays/fictional-2029.json')
    await page.getByRole('button', { name: 'Check the file' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /8 dates to add/)
    await check('bank-holidays-preview')

    await page.getByRole('button', { name: 'Apply these changes' }).click()
    await page.waitForURL(/applied=1/)
    assert.match(await page.content(), /The bank holidays were updated/)
    assert.match(await page.content(), /2018 to 2029/)
    assert.doesNotMatch(await page.content(), /calendar runs out on/, 'the banner goes once the calendar covers 2029')
    await check('bank-holidays-applied')
  })
  assert.deepEqual(violations, [])
})
