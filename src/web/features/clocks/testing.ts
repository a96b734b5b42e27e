// For the route tests of the pages after the decision: find a demo case by the status its page
// shows, and post a form with the version the page just showed.
import assert from 'node:assert/strict'
import type { TestBrowser } from '../../testing.js'

export const versionOf = (body: string): string => /name="version" value="(\d+)"/.exec(body)?.[1] ?? ''

/** The first demo case whose page shows this status tag ("Rapid review under way" …). */
export async function caseWithStatus(browser: TestBrowser, status: string): Promise<string> {
  const list = await browser.get('/incidents')
  const ids = [...new Set([...list.body.matchAll(/href="\/incidents\/([0-9a-f-]{36})"/g)].map((m) => m[1] ?? ''))]
  for (const id of ids) {
    const page = await browser.get(`/incidents/${id}`)
    if (new RegExp(`govuk-tag[^>]*>\\s*${status}\\s*<`).test(page.body)) return id
  }
  throw new Error(`No demo case is ${status}`)
}

/** Gets the form (which must answer 200) and posts it with its version, unless `version` is given. */
export async function submit(browser: TestBrowser, path: string, form: Record<string, string>, version?: string) {
  const page = await browser.get(path)
  assert.equal(page.statusCode, 200, `${path} answers 200`)
  return browser.post(path, { version: version ?? versionOf(page.body), ...form })
}

/** A GOV.UK date input's three fields. */
export const day = (name: string, iso: string): Record<string, string> => {
  const [y = '', m = '', d = ''] = iso.split('-')
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y }
}
