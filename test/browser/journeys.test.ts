// Each demo role signs in and visits the pages its role may use; axe checks every page visited
// (WCAG 2.2 A and AA: zero violations) and each page is saved as a screenshot to look at.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, SCREENSHOTS, serviceAndBrowser, signIn } from './browser.js'

// The service and Chromium, started before this file's tests and stopped after them.
const run = serviceAndBrowser()

/** Pages shown with errors answer 400, and the not-found page 404. */
function expectedStatus(path: string): number {
  if (path === '/no-such-page') return 404
  return path.includes('2026-13-01') ? 400 : 200
}

async function visit(page: Page, path: string, name: string, violations: string[]): Promise<void> {
  const response = await page.goto(`${run.service.url}${path}`)
  assert.equal(response?.status(), expectedStatus(path), `${path} answers ${expectedStatus(path)}`)
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
}

const JOURNEYS: { role: string; email: string; pages: [string, string][] }[] = [
  { role: 'practitioner', email: DEMO.practitioner, pages: [['/', 'home']] },
  { role: 'decision-owner', email: DEMO.decisionOwner, pages: [['/', 'home']] },
  { role: 'partner', email: DEMO.partner, pages: [['/', 'home'], ['/switch-authority', 'switch-authority']] },
  { role: 'business-unit', email: DEMO.businessUnit, pages: [['/', 'home'], ['/outbox', 'outbox']] },
  { role: 'auditor', email: DEMO.auditor, pages: [['/', 'home'], ['/settings', 'settings'], ['/settings/users', 'users'], ['/audit', 'audit'], ['/audit?from=2026-13-01', 'audit-error']] },
  {
    role: 'admin',
    email: DEMO.admin,
    pages: [['/', 'home'], ['/settings', 'settings'], ['/settings/details', 'details'], ['/settings/partners', 'partners'], ['/settings/users', 'users'], ['/settings/users/new', 'new-user'], ['/outbox', 'outbox'], ['/cookies', 'cookies'], ['/accessibility', 'accessibility'], ['/privacy', 'privacy'], ['/no-such-page', 'not-found']],
  },
]

for (const journey of JOURNEYS) {
  test(`the ${journey.role} signs in and every page they may use passes axe`, async () => {
    const context = await run.browser.newContext()
    const page = await context.newPage()
    const violations: string[] = []
    await signIn(page, run.service.url, journey.email)
    for (const [path, name] of journey.pages) {
      await visit(page, path, `${journey.role}-${name}`, violations)
    }
    await page.getByRole('button', { name: 'Sign out' }).first().click()
    await page.waitForURL(`${run.service.url}/signed-out`)
    violations.push(...(await accessibilityViolations(page)))
    await context.close()
    assert.deepEqual(violations, [])
  })
}

test('sign-in, its errors and the signed-out pages pass axe', async () => {
  const context = await run.browser.newContext()
  const page = await context.newPage()
  await page.goto(`${run.service.url}/sign-in`)
  const violations = await accessibilityViolations(page)
  await page.screenshot({ path: `${SCREENSHOTS}/sign-in.png`, fullPage: true })
  await page.getByRole('button', { name: 'Sign in' }).click()
  assert.match(await page.title(), /^Error: Sign in/)
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/sign-in-errors.png`, fullPage: true })
  await page.goto(`${run.service.url}/signed-out?reason=inactive`)
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/signed-out-inactive.png`, fullPage: true })
  await context.close()
  assert.deepEqual(violations, [])
})

// axe runs inside the page, so it cannot run where JavaScript is off; the same pages pass it above.
test('without JavaScript a user can still sign in, see errors and sign out', async () => {
  const context = await run.browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`${run.service.url}/sign-in`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  assert.match(await page.title(), /^Error: Sign in/)
  await signIn(page, run.service.url, DEMO.admin)
  assert.match(await page.content(), /Welcome/)
  await page.screenshot({ path: `${SCREENSHOTS}/no-javascript-home.png`, fullPage: true })
  await page.getByRole('button', { name: 'Sign out' }).first().click()
  await page.waitForURL(`${run.service.url}/signed-out`)
  await context.close()
})

test('the timeout warning opens as a modal dialog with "Stay signed in"', async () => {
  const context = await run.browser.newContext()
  const page = await context.newPage()
  // The page's clock is Playwright's, so 28 minutes pass at once; the server's clock is real.
  await page.clock.install()
  await signIn(page, run.service.url, DEMO.practitioner)
  await page.clock.fastForward('28:01')
  await page.waitForSelector('#timeout-warning[open]', { timeout: 15_000 })
  const violations = await accessibilityViolations(page)
  await page.screenshot({ path: `${SCREENSHOTS}/timeout-warning.png` })
  await page.getByRole('button', { name: 'Stay signed in' }).click()
  await page.waitForSelector('#timeout-warning[open]', { state: 'detached' })
  await context.close()
  assert.deepEqual(violations, [])
})
