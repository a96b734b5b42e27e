// The incident pages the journey does not reach: changing the notifications, liaison with another
// authority, a partner raising a possible incident, the decision while a judgement is still open,
// and the page a stale decision form answers (409). The demo cases are found by what their pages
// offer, not by reference, so new demo cases do not break this. One browser; one sign-in per role.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()
const violations: string[] = []

/** axe and a screenshot of the page as it stands, after checking the status it answered. */
async function check(page: Page, name: string, status: number, answered: number | undefined): Promise<void> {
  assert.equal(answered, status, `${name} answers ${status}`)
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/incident-page-${name}.png`, fullPage: true })
}

async function visit(page: Page, path: string, name: string): Promise<void> {
  const response = await page.goto(`${run.service.url}${path}`)
  await check(page, name, 200, response?.status())
}

/** The first case on the user's list whose `step` page answers 200 and, if given, matches `shows`. */
async function caseOffering(page: Page, step: string, shows?: RegExp): Promise<string> {
  await page.goto(`${run.service.url}/incidents`)
  const links = await page.locator('main a[href^="/incidents/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  for (const href of links.filter((h) => /^\/incidents\/[0-9a-f-]{36}$/.test(h))) {
    const response = await page.request.get(`${run.service.url}${href}/${step}`)
    if (response.status() === 200 && (!shows || shows.test(await response.text()))) return href
  }
  throw new Error(`No demo case offers ${step}${shows ? ` showing ${String(shows)}` : ''}`)
}

const as = (email: string, body: (page: Page) => Promise<void>) => asUser(run.browser, run.service.url, email, body)

async function press(page: Page, button: string): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()])
  return response?.status()
}

test('the incident pages the journey does not visit pass axe', async () => {
  await as(DEMO.practitioner, async (page) => {
    await visit(page, `${await caseOffering(page, 'notifications', /name="group-[^"]+"[\s\S]*name="group-/)}/notifications`, 'notifications')
  })

  await as(DEMO.partner, async (page) => {
    await visit(page, '/incidents/raise', 'raise')
    await check(page, 'raise-errors', 400, await press(page, (await page.locator('main form button').last().innerText()).trim()))
    assert.match(await page.title(), /^Error:/)
  })

  await as(DEMO.decisionOwner, async (page) => {
    await visit(page, `${await caseOffering(page, 'liaison')}/liaison`, 'liaison')
    const judgementOpen = await caseOffering(page, 'decision', /name="(seriousHarm-[^"]+|abuseOrNeglect)-answer"/)
    await visit(page, `${judgementOpen}/decision`, 'decision-judgement-open')
    // Another tab changed the case since this form was shown: the form carries an older version.
    const version = page.locator('input[name="version"]')
    await version.evaluate((input, older) => input.setAttribute('value', older), String(Number(await version.inputValue()) - 1))
    for (const yes of await page.locator('input[type="radio"][name$="-answer"][value="yes"]').all()) await yes.check()
    for (const why of await page.locator('textarea[name$="-why"]').all()) await why.fill('What the partners told us (fictional).')
    await page.locator('input[name="decision"][value="notify"]').check()
    await page.fill('[name="rationale"]', 'Serious harm and abuse suspected (fictional).')
    await check(page, 'decision-stale', 409, await press(page, 'Record the decision'))
    assert.match(await page.content(), /Someone else changed this incident/)
  })
  assert.deepEqual(violations, [])
})
