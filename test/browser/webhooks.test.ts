// The webhook settings in a browser, as the admin: the form's error summary, adding an endpoint
// (a receiver on localhost), the secret shown once, and the delivery log after a tick. axe on each.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO } from '../../src/web/testing.js'
import { actorFor } from '../helpers/incidents.js'
import { deliverySettings, startReceiver } from '../helpers/webhooks.js'
import { accessibilityViolations, asUser, SCREENSHOTS, serviceAndBrowser } from './browser.js'

const run = serviceAndBrowser()

test('an admin adds a webhook endpoint and reads its delivery log; the pages pass axe', async (t) => {
  const receiver = await startReceiver((n) => ({ status: n === 1 ? 503 : 200 }))
  t.after(() => receiver.close())
  const violations: string[] = []
  await asUser(run.browser, run.service.url, DEMO.admin, async (page) => {
    const check = async (name: string) => {
      violations.push(...(await accessibilityViolations(page)))
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    }
    await page.goto(`${run.service.url}/settings`)
    await page.getByRole('link', { name: 'Manage webhooks' }).click()
    assert.match(await page.content(), /There are no webhook endpoints/)
    await check('webhooks-none')

    await page.getByRole('button', { name: 'Add an endpoint' }).click()
    await page.getByLabel('Address').fill('http://receiver.example/hooks')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.waitForLoadState()
    assert.match(await page.content(), /There is a problem/)
    await check('webhooks-new-errors')

    await page.getByLabel('Address').fill(receiver.url)
    await page.getByLabel('An incident is recorded').check()
    await page.getByLabel('A decision is made on whether to notify').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.waitForLoadState()
    assert.match(await page.locator('#secret').innerText(), /^whsec_/)
    await check('webhooks-secret')

    const recorder = await actorFor(run.service.services, DEMO.practitioner)
    const cov = await run.service.services.authorities.getByCode('COV')
    assert.ok((await run.service.services.incidents.start(recorder, cov?.id ?? '', { awareDate: '2026-11-23', source: 'hospital' })).ok)
    const deliveries = run.service.services.webhookDeliveries(deliverySettings({ retryBaseMs: 0 }))
    await deliveries.tick()
    await deliveries.tick()
    assert.equal(receiver.received.length, 2, 'the 503 was tried again')

    await page.getByRole('button', { name: 'Continue' }).click()
    assert.match(await page.content(), /An incident is recorded/)
    await check('webhooks-list')
    await page.getByRole('link', { name: /Manage and see deliveries/ }).click()
    const log = await page.locator('table').innerText()
    assert.match(log, /incident\.recorded/)
    assert.match(log, /Receiver answered 503/)
    assert.match(log, /Delivered/)
    await check('webhooks-endpoint')
  })
  assert.deepEqual(violations, [])
})
