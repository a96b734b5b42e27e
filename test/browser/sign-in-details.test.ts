// Multi-factor sign-in in a browser: the code page after the password (with its error), the
// sign-in details page, confirming it is you, new recovery codes and setting up a new app; axe
// on every page, and screenshots.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO } from '../../src/web/testing.js'
import { DEMO_PASSWORD } from '../../src/services/index.js'
import { accessibilityViolations, asUser, demoCode, SCREENSHOTS, serviceAndBrowser, signIn } from './browser.js'

const run = serviceAndBrowser()

test('a decision owner signs in with a code, then changes their recovery codes and app after confirming it is them', async () => {
  const context = await run.browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  const base = run.service.url
  const violations: string[] = []
  const check = async (name: string) => {
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
  }
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('Email address').fill(DEMO.decisionOwner)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${base}/sign-in/code`)
  assert.match(await page.content(), /Demo only/)
  await check('sign-in-code')
  await page.getByRole('button', { name: 'Continue' }).click()
  assert.match(await page.title(), /^Error: /)
  await check('sign-in-code-error')
  await page.getByLabel('Enter the code from your authenticator app').fill(demoCode(DEMO.decisionOwner))
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL(`${base}/`)

  await page.getByRole('link', { name: 'Your sign-in details' }).click()
  await page.waitForURL(`${base}/account`)
  await check('sign-in-details')
  await page.getByRole('link', { name: 'Get new codes recovery codes' }).click()
  await page.waitForURL(/\/account\/confirm\?next=recovery-codes/)
  await check('confirm-it-is-you')
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByLabel('Code from your authenticator app').fill(demoCode(DEMO.decisionOwner))
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL(`${base}/account/new-recovery-codes`)
  await check('new-recovery-codes')
  await page.getByRole('button', { name: 'Get new recovery codes' }).click()
  await page.waitForURL(`${base}/account/recovery-codes`)
  assert.equal(await page.locator('#recovery-codes li').count(), 10)
  await check('recovery-codes')

  await page.goto(`${base}/account/confirm?next=authenticator`)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByLabel('Code from your authenticator app').fill(demoCode(DEMO.decisionOwner))
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL(`${base}/account/authenticator`)
  assert.ok(await page.getByAltText('QR code to scan with your authenticator app').isVisible(), 'the QR code shows (the CSP allows it)')
  const loaded = await page.locator('img.app-qr-code').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)
  assert.ok(loaded > 0, 'the QR code image loaded')
  await check('set-up-authenticator')
  await context.close()
  assert.deepEqual(violations, [])
})

test('an admin links a work account for single sign-on on the user’s page; it passes axe', async () => {
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.admin, async (page) => {
    await page.goto(`${run.service.url}/settings/users`)
    await page.getByRole('link', { name: 'Single sign-on for Bo Business (demo)' }).click()
    await page.waitForURL(/\/single-sign-on$/)
    violations.push(...(await accessibilityViolations(page)))
    await page.getByRole('button', { name: 'Link work account' }).click()
    assert.match(await page.title(), /^Error: /)
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/single-sign-on-link-errors.png`, fullPage: true })
    await page.getByLabel('Issuer').fill('https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0')
    await page.getByLabel('Subject').fill('fictional-subject-for-bo')
    await page.getByRole('button', { name: 'Link work account' }).click()
    await page.waitForURL(/\/single-sign-on$/)
    assert.match(await page.content(), /fictional-subject-for-bo/)
    violations.push(...(await accessibilityViolations(page)))
    await page.screenshot({ path: `${SCREENSHOTS}/single-sign-on-linked.png`, fullPage: true })
  })
  assert.deepEqual(violations, [])
})

test('a practitioner sees their sessions from their sign-in details and signs out of the other one; the page passes axe', async () => {
  const base = run.service.url
  // Another browser, signed in first as the same user.
  const elsewhere = await run.browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1' })
  const phone = await elsewhere.newPage()
  await signIn(phone, base, DEMO.practitioner)
  const context = await run.browser.newContext({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0' })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  await signIn(page, base, DEMO.practitioner)
  const violations: string[] = []
  await page.getByRole('link', { name: 'Your sign-in details' }).click()
  await page.getByRole('link', { name: 'See your sessions and sign out of the ones you do not need' }).click()
  await page.waitForURL(`${base}/account/sessions`)
  const rows = page.locator('.app-sessions tbody tr')
  assert.equal(await rows.count(), 2)
  assert.match((await rows.nth(0).innerText()).replace(/\s+/g, ' '), /^Firefox on Windows This session/)
  assert.match(await rows.nth(1).innerText(), /^Safari on iPhone/)
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/your-sessions.png`, fullPage: true })
  await page.getByRole('button', { name: /^Sign out of Safari on iPhone, signed in / }).click()
  await page.waitForURL(`${base}/account/sessions`)
  assert.match(await page.content(), /You signed out of 1 other session/)
  assert.equal(await rows.count(), 1)
  violations.push(...(await accessibilityViolations(page)))
  await page.screenshot({ path: `${SCREENSHOTS}/your-sessions-ended.png`, fullPage: true })
  // The phone's next page is the sign-in page.
  await phone.goto(`${base}/`)
  assert.match(new URL(phone.url()).pathname, /^\/(sign-in|signed-out)/)
  await elsewhere.close()
  await context.close()
  assert.deepEqual(violations, [])
})
