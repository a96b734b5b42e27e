// The incident journey in a browser: a practitioner records an incident with two siblings and
// sends it; the decision owner asks the partners; the police partner records a view; the decision
// owner decides to notify, then revisits. axe checks every page visited; each is a screenshot.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO } from '../../src/web/testing.js'
import { accessibilityViolations, SCREENSHOTS, serviceAndBrowser, signIn } from './browser.js'

// The service and Chromium, started before this file's tests and stopped after them.
const run = serviceAndBrowser()
const violations: string[] = []

async function look(page: Page, name: string): Promise<void> {
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/incident-${name}.png`, fullPage: true })
}

/** Fills a form: `name=value` for inputs and textareas, radios and checkboxes by value. */
async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const choice = page.locator(`input[name="${name}"][value="${value}"]`)
    if ((await choice.count()) > 0) await choice.check()
    else if ((await page.locator(`select[name="${name}"]`).count()) > 0) await page.selectOption(`select[name="${name}"]`, value)
    else await page.fill(`[name="${name}"]`, value)
  }
}

/** Checks the page as it stands (axe and a screenshot), then fills it in and presses the button. */
async function submit(page: Page, button: string, name: string, fields: Record<string, string> = {}): Promise<void> {
  await look(page, name)
  await fill(page, fields)
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button, exact: true }).click()])
}

const CHILD = {
  nameStatus: 'known', outcome: 'seriously_harmed', sex: 'female', ethnicity: 'not_stated', disability: 'no', normallyResident: 'yes', lookedAfter: 'no', careLeaver: 'no',
  childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'yes', education: 'in_school', siblingGroup: 'A',
}

async function as(email: string, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await run.browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  await signIn(page, run.service.url, email)
  await body(page)
  await context.close()
}

test('record two siblings, gather a partner’s view, decide and revisit: every page passes axe', async () => {
  let caseUrl = ''
  await as(DEMO.practitioner, async (page) => {
    await page.goto(`${run.service.url}/incidents`)
    await look(page, 'list-practitioner')
    await page.getByRole('button', { name: 'Record a potential incident' }).click()
    await submit(page, 'Save and continue', 'new', { 'awareDate-day': '23', 'awareDate-year': '2026' })
    assert.match(await page.title(), /^Error:/)
    await submit(page, 'Save and continue', 'new-errors', { 'awareDate-month': '11', source: 'hospital' })
    await look(page, 'task-list')
    const base = page.url().replace(/\/record$/, '')
    await page.goto(`${base}/record/incident`)
    await submit(page, 'Save and continue', 'incident', { 'incidentDate-day': '22', 'incidentDate-month': '11', 'incidentDate-year': '2026', location: 'this_area', outline: 'Two siblings injured at home (fictional).', exploitationOperation: 'no' })
    await page.goto(`${base}/children`)
    await look(page, 'children-empty')
    await page.goto(`${base}/children/new`)
    await submit(page, 'Save and continue', 'child', { ...CHILD, name: 'Child Browser Demo', approximateAge: '6' })
    await page.goto(`${base}/children/new`)
    await submit(page, 'Save and continue', 'child-2', { ...CHILD, name: 'Sibling Browser Demo', approximateAge: '4' })
    await look(page, 'children')
    await page.goto(`${base}/record/abuse`)
    await submit(page, 'Save and continue', 'abuse', { abuseOrNeglect: 'suspected', kinds: 'physical' })
    await page.goto(`${base}/record/safeguarding`)
    await submit(page, 'Save and continue', 'safeguarding', { agencies: 'Police and hospital (fictional)', otherChildrenAtRisk: 'no', actionTaken: 'Safety plan agreed (fictional).' })
    await page.goto(`${base}/check`)
    await submit(page, 'Send to the decision owner for a discussion', 'check')
    caseUrl = page.url()
    assert.match(await page.content(), /Needs a discussion/)
    await look(page, 'case-practitioner')
  })

  await as(DEMO.decisionOwner, async (page) => {
    await page.goto(`${run.service.url}/incidents`)
    await look(page, 'list-decision-owner')
    await page.goto(`${caseUrl}/request-views`)
    await submit(page, 'Ask for their views', 'request-views', { comment: 'Please share what you know (fictional).' })
  })

  await as(DEMO.partner, async (page) => {
    await page.goto(`${caseUrl}/view`)
    await submit(page, 'Save your view', 'partner-view', { view: 'notify', reasons: 'Injuries consistent with abuse (fictional).' })
    await look(page, 'case-partner')
  })

  await as(DEMO.decisionOwner, async (page) => {
    await page.goto(`${caseUrl}/decision`)
    await submit(page, 'Record the decision', 'decision', { decision: 'notify' })
    assert.match(await page.title(), /^Error:/)
    await submit(page, 'Record the decision', 'decision-errors', { rationale: 'Abuse suspected and serious harm to both children (fictional).' })
    assert.match(await page.content(), /Decided: notify/)
    await look(page, 'case-decided')
    await page.goto(`${caseUrl}/revisit`)
    await submit(page, 'Revisit the decision', 'revisit', { comment: 'New medical evidence (fictional).' })
    assert.match(await page.content(), /Earlier decision|Current decision/)
    await look(page, 'case-revisited')
  })
  assert.deepEqual(violations, [])
})
