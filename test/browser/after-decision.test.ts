// The journey after a decision to notify (issue 5): the notification pack (after saying why),
// recording it as sent, the rapid review (a request, a partner's sign-off, sent to the Panel
// recommending a practice review), the practice review decision and an action completed.
// axe on every page visited; a screenshot of each in test-results/screenshots.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()
const violations: string[] = []
const as = (email: string, body: (page: Page) => Promise<void>) => asUser(run.browser, run.service.url, email, body)

async function check(page: Page, name: string): Promise<void> {
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/after-decision-${name}.png`, fullPage: true })
}

/** Follows a link by its text, checks the page that opens. */
async function follow(page: Page, link: string, name: string): Promise<void> {
  await page.getByRole('link', { name: link }).first().click()
  await page.waitForLoadState()
  await check(page, name)
}

async function press(page: Page, button: string, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()])
  // Read the error summary only when the page is an error page: waiting for it on every good
  // page cost the journey the locator's whole timeout at each step.
  const title = await page.title()
  if (title.startsWith('Error:')) assert.fail(`${name}: ${await page.locator('.govuk-error-summary').innerText()}`)
  await check(page, name)
}

/** Yesterday in London, so no date the journey enters is in the future. */
const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-')
async function fillDate(page: Page, name: string): Promise<void> {
  const [y = '', m = '', d = ''] = yesterday
  await page.fill(`[name="${name}-day"]`, d)
  await page.fill(`[name="${name}-month"]`, m)
  await page.fill(`[name="${name}-year"]`, y)
}

/** The first case on the list whose page shows the status tag. */
async function caseWithStatus(page: Page, status: string): Promise<string> {
  await page.goto(`${run.service.url}/incidents`)
  const links = await page.locator('main a[href^="/incidents/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  for (const href of [...new Set(links)].filter((h) => /^\/incidents\/[0-9a-f-]{36}$/.test(h))) {
    const body = await (await page.request.get(`${run.service.url}${href}`)).text()
    if (new RegExp(`govuk-tag[^>]*>\\s*${status}\\s*<`).test(body)) return href
  }
  throw new Error(`No demo case is ${status}`)
}

test('from a decision to notify to an action completed, every page passes axe', async () => {
  let base = ''
  await as(DEMO.decisionOwner, async (page) => {
    base = await caseWithStatus(page, 'Decided: notify')
    await page.goto(`${run.service.url}${base}`)
    await check(page, 'case-decided')
    await follow(page, 'Show the notification pack', 'pack-why')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show the notification pack' }).click()])
    assert.match(await page.title(), /^Error:/, 'no reason given: the GOV.UK error summary')
    await check(page, 'pack-why-error')
    await page.fill('[name="justification"]', 'To complete the national form (fictional).')
    await press(page, 'Show the notification pack', 'pack')
    assert.match(await page.content(), /app-copy__button/, 'the copy buttons are added')
    await follow(page, 'Record the notification as sent', 'sent-form')
    await fillDate(page, 'sentOn')
    await page.fill('[name="sentTime"]', '10:15')
    await page.fill('[name="nationalReference"]', 'NAT-JOURNEY-1')
    await page.fill('[name="sentBy"]', 'Dee Owner, head of service (fictional)')
    if (await page.locator('[name="lateReason"]').count()) await page.fill('[name="lateReason"]', 'Waiting for the hospital (fictional).')
    await press(page, 'Record as sent', 'case-notified')
    assert.match(await page.content(), /NAT-JOURNEY-1/)
  })

  await as(DEMO.businessUnit, async (page) => {
    await page.goto(`${run.service.url}${base}/rapid-review`)
    await check(page, 'rapid-review')
    await follow(page, 'Ask an agency for information', 'request-form')
    await page.getByLabel('Health').check()
    await page.fill('[name="contact"]', 'Named nurse (fictional)')
    await fillDate(page, 'requestedOn')
    await page.fill('[name="workingDays"]', '5')
    await press(page, 'Add the request', 'rapid-review-request')
  })

  await as('health-partner@demo.example', async (page) => {
    await page.goto(`${run.service.url}${base}/rapid-review`)
    await follow(page, 'Add your agency’s information or sign off', 'contribute-form')
    await page.fill('[name="information"]', 'Two missed appointments (fictional).')
    await page.getByLabel('I sign off the rapid review for my agency').check()
    await press(page, 'Save', 'rapid-review-signed-off')
  })

  await as(DEMO.businessUnit, async (page) => {
    await page.goto(`${run.service.url}${base}/rapid-review`)
    await follow(page, 'Send the rapid review to the Panel', 'send-form')
    await fillDate(page, 'sentOn')
    await page.getByLabel('A local child safeguarding practice review').check()
    for (const id of ['a', 'b', 'c', 'd']) {
      await page.locator(`[name="criteria-${id}-met"][value="${id === 'b' ? 'no' : 'yes'}"]`).check()
      await page.fill(`[name="criteria-${id}-reasons"]`, `Reasons for (${id}) (fictional).`)
    }
    await page.fill('[name="reasons"]', 'The partners agree a local review is needed (fictional).')
    await press(page, 'Record as sent to the Panel', 'rapid-review-sent')
    await page.goto(`${run.service.url}${base}/practice-review`)
    await check(page, 'practice-review-undecided')
    await follow(page, 'Record the decision to hold a practice review', 'commission-form')
    await fillDate(page, 'decidedOn')
    await press(page, 'Record the decision', 'practice-review')
    await page.goto(`${run.service.url}${base}/actions`)
    await check(page, 'actions-empty')
    await follow(page, 'Add an action', 'action-form')
    await page.getByLabel('Practice review').check()
    await page.fill('[name="description"]', 'Follow up missed appointments (fictional).')
    await page.locator('[name="agencies"][value="health"]').check()
    await page.locator('[name="ownerAgency"][value="health"]').check()
    await page.fill('[name="ownerPerson"]', 'Practice manager (fictional)')
    await fillDate(page, 'dueOn')
    await press(page, 'Add the action', 'actions')
    await follow(page, 'Update', 'action-update-form')
    await page.getByLabel('Complete').check()
    await page.fill('[name="evidence"]', 'Audit report (fictional).')
    await fillDate(page, 'completedOn')
    await press(page, 'Save', 'actions-complete')
    assert.match(await page.locator('main').innerText(), /Complete/)
    await page.goto(`${run.service.url}${base}/chronology`)
    await check(page, 'chronology')
    await follow(page, 'Export the chronology as CSV or PDF', 'chronology-export')
    await page.goto(`${run.service.url}${base}`)
    await check(page, 'case-practice-review')
    await follow(page, 'Extend or pause a clock', 'clock-extend')
  })
  assert.deepEqual(violations, [])
})
