// Nothing sensitive is left in the browser (ASVS 14.3.3, 14.3.2): a signed-in journey through the
// worklist, a search posted by its form, a case page and the reports leaves localStorage,
// sessionStorage and IndexedDB empty; the session cookie exists but scripts cannot read it
// (HttpOnly); and every page, all of which may show personal data, is sent with no-store.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Page } from 'playwright-core'
import { sessionCookieName } from '../../src/web/plugins/session.js'
import { DEMO } from '../../src/web/testing.js'
import { asUser, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()
const SESSION_COOKIE = sessionCookieName(false)

/** The browser's globals this test reads (the project compiles without the DOM library). */
interface BrowserGlobals {
  readonly localStorage: Record<string, string>
  readonly sessionStorage: Record<string, string>
  readonly indexedDB: { databases(): Promise<{ name?: string }[]> }
  readonly document: { cookie: string }
}

/** What a script on the page can see of the browser's storage. */
function storageSeenBy(page: Page) {
  return page.evaluate(async () => {
    const browser = globalThis as unknown as BrowserGlobals
    return {
      localStorage: Object.keys(browser.localStorage),
      sessionStorage: Object.keys(browser.sessionStorage),
      indexedDB: (await browser.indexedDB.databases()).map((d) => d.name ?? ''),
      cookie: browser.document.cookie,
    }
  })
}

test('a signed-in journey leaves nothing in browser storage, the session cookie out of scripts’ reach, and every page no-store', async () => {
  const pages: { page: string; headers: Record<string, string> }[] = []
  const problems: string[] = []
  await asUser(run.browser, run.service.url, DEMO.businessUnit, async (page) => {
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document') pages.push({ page: `${response.request().method()} ${response.url()}`, headers: response.headers() })
    })
    const check = async (step: string) => {
      const seen = await storageSeenBy(page)
      if (seen.localStorage.length + seen.sessionStorage.length + seen.indexedDB.length > 0) problems.push(`${step}: ${JSON.stringify(seen)}`)
      if (seen.cookie.includes(SESSION_COOKIE)) problems.push(`${step}: document.cookie shows the session cookie`)
    }

    await page.goto(`${run.service.url}/`)
    assert.match(await page.content(), /Your worklist/)
    await check('worklist')

    // A form submit that carries a child's name.
    await page.getByLabel('Search by case reference or child’s name').fill('Child B Demo')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /1 result for your search/)
    await check('search')

    const caseLink = page.locator('main a[href^="/incidents/"]').first()
    await Promise.all([page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/), caseLink.click()])
    assert.match(await page.content(), /Child B Demo/)
    await check('case page')

    await page.goto(`${run.service.url}/reports`)
    assert.match(await page.content(), /Figures for/)
    await check('reports')

    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === SESSION_COOKIE)
    assert.ok(session, 'the browser holds the session cookie')
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
  })
  assert.deepEqual(problems, [])
  assert.ok(pages.length >= 4, `saw ${pages.length} pages`)
  for (const { page, headers } of pages) {
    if ((headers['content-type'] ?? '').startsWith('text/html')) assert.equal(headers['cache-control'], 'no-store', page)
  }
})
