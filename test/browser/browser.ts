// The browser tests' harness: the service in-process on a random port with a temporary SQLite
// database and the demo, and Debian's Chromium driven by playwright-core. Missing Chromium is a
// failure with a way to fix it, never a skip.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import { migrateToLatest, openDatabase } from '../../src/data/db.js'
import { createServices, DEMO_PASSWORD, type ServiceOptions } from '../../src/services/index.js'
import { outboxSender } from '../../src/services/email.js'
import { buildApp } from '../../src/web/app.js'
import { DEMO_TOTP_SECRET, timeStep, totpCodeForStep } from '../../src/domain/multi-factor/index.js'

const CHROMIUM = process.env.CHROME_PATH ?? ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p))
export const SCREENSHOTS = 'test-results/screenshots'

// The service's clock: real time (or the test's own clock), moved on 30 seconds when one demo
// sign-in after another needs a fresh authenticator time-step (the service never accepts the same
// one twice).
let clockOffsetMs = 0
let baseClock: () => Date = () => new Date()
const serviceClock = () => new Date(baseClock().getTime() + clockOffsetMs)
const stepsUsed = new Map<string, number>()

/** The demo authenticator app's code for the account's next sign-in. */
export function demoCode(email: string): string {
  const current = timeStep(serviceClock())
  const step = Math.max(current, (stepsUsed.get(email) ?? -1) + 1)
  if (step > current + 1) clockOffsetMs += (step - current - 1) * 30_000
  stepsUsed.set(email, step)
  return totpCodeForStep(DEMO_TOTP_SECRET, step)
}

/** `options`: for example a copy of the bank holiday file, or a fixed clock. */
export async function startService(options: ServiceOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sin-browser-'))
  const database = await openDatabase(`sqlite:${join(dir, 'sin.db')}`)
  await migrateToLatest(database)
  baseClock = options.now ?? (() => new Date())
  const services = createServices(database, { ...options, now: serviceClock })
  await services.loadDemo()
  // One scheduler tick, so the outbox page has the demo's alerts to show.
  await services.reminders({ sender: outboxSender, baseUrl: 'http://localhost:3000', reminderPoints: [2, 0, -1], dailyDigest: false }).tick()
  const app = await buildApp({
    config: { production: false, sessionSecret: 'a-browser-test-secret-of-32-characters-or-more', cookieSecure: false, trustProxy: false, logLevel: 'silent' },
    services,
    now: serviceClock,
    logger: false,
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url,
    /** For tests that set something up behind the pages (a webhook tick, say). */
    services,
    async stop() {
      await app.close()
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) {
    throw new Error('Chromium is not installed. Install it with "apt-get install chromium" (or set CHROME_PATH), then run the tests again.')
  }
  mkdirSync(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** Runs axe for WCAG 2.2 A and AA on the page; answers the violations, described for a failure message. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return results.violations.map((v) => `${page.url()}: ${v.id} (${v.impact ?? 'unknown'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

export async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/sign-in/code')
  // Decision owners, admins and auditors have the demo's authenticator app.
  if (new URL(page.url()).pathname === '/sign-in/code') {
    await page.getByLabel('Enter the code from your authenticator app').fill(demoCode(email))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(`${base}/`)
  }
}

/** The service and Chromium for one test file: started before its tests, stopped after them. */
export function serviceAndBrowser(options: ServiceOptions = {}): { service: Awaited<ReturnType<typeof startService>>; browser: Browser } {
  const both = {} as { service: Awaited<ReturnType<typeof startService>>; browser: Browser }
  before(async () => {
    both.service = await startService(options)
    both.browser = await launchChromium()
  })
  after(async () => {
    await both.browser?.close()
    await both.service?.stop()
  })
  return both
}

/** Runs `body` with a page signed in as `email`, in a fresh browser context closed afterwards. */
export async function asUser(browser: Browser, base: string, email: string, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext()
  const page = await context.newPage()
  // CI runs two test files at once on two cores; a page that answers in 130 ms idle can take
  // seconds then. A step that fails still fails, just not on a busy machine's pause.
  page.setDefaultTimeout(30_000)
  await signIn(page, base, email)
  await body(page)
  await context.close()
}
