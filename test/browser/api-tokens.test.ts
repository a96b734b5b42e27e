// API tokens and the API docs in a browser: axe on the list, the form with its errors, the page
// that shows the new token once, and the server-rendered documentation.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()

test('API tokens: create with an error first, see the token once, revoke; the API docs pass axe', async () => {
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.admin, async (page) => {
    const check = async (name: string) => {
      violations.push(...(await accessibilityViolations(page)).map((v) => `${name}: ${v}`))
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    }
    await page.goto(`${run.service.url}/settings`)
    await page.getByRole('link', { name: 'Manage API tokens' }).click()
    await check('api-tokens-empty')
    await page.getByRole('button', { name: 'Create a token' }).click()
    await page.getByLabel('Read').uncheck()
    await page.getByRole('button', { name: 'Create token' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem/)
    await check('api-tokens-new-error')
    await page.getByLabel('Name').fill('Case system link (fictional)')
    await page.getByLabel('Read').check()
    await page.getByLabel('Write').check()
    await page.getByRole('button', { name: 'Create token' }).click()
    await page.waitForLoadState()
    const token = await page.locator('#token').textContent()
    assert.match(token ?? '', /^sin_[A-Za-z0-9_-]{43}$/)
    await check('api-tokens-created')
    await page.getByRole('link', { name: 'Return to API tokens' }).click()
    assert.doesNotMatch(await page.content(), new RegExp(token ?? 'none'))
    await check('api-tokens-list')
    await page.getByRole('button', { name: /Revoke/ }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /Revoked/)

    await page.getByRole('link', { name: 'API documentation' }).first().click()
    await page.waitForURL(/\/api\/docs/)
    assert.match(await page.content(), /\/api\/v1\/incidents\/\{incidentId\}/)
    await check('api-docs')
    // The page is long: a screen's worth of its start and of one operation, to look at.
    await page.screenshot({ path: `${SCREENSHOTS}/api-docs-top.png` })
    await page.locator('#patchIncidentsIncidentId').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOTS}/api-docs-operation.png` })
  })
  assert.deepEqual(violations, [])
})
