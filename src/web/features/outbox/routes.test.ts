import assert from 'node:assert/strict'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { outboxSender } from '../../../services/email.js'
import { DEMO, testApp } from '../../testing.js'
import { PAGE_SIZE } from './presenter.js'

const CHILD_NAMES = /Child [A-H] Demo|Young person F Demo/

forEachDatabase('admins and the business unit see what a reminders tick would have sent, and never a child’s name', async (database) => {
  const { app, browser, services } = await testApp(database)
  const tick = await services.reminders({ sender: outboxSender, baseUrl: 'https://sin.example.gov.uk', reminderPoints: [2, 0, -1], dailyDigest: false }).tick()
  assert.ok(tick.alertsSent > 0)
  for (const email of [DEMO.admin, DEMO.businessUnit]) {
    const user = browser()
    await user.signIn(email)
    const page = await user.get('/outbox')
    assert.equal(page.statusCode, 200, email)
    assert.match(page.body, /<h1 class="govuk-heading-l">Outbox<\/h1>/)
    assert.match(page.body, /no real email is sent/)
    assert.match(page.body, /New case [^<]+ needs a decision by/)
    assert.match(page.body, /decision-owner@demo\.example/)
    assert.match(page.body, /govuk-tag--green[^>]*>\s*Sent/)
    assert.match(page.body, /class="govuk-service-navigation__link" href="\/outbox"/, 'in the navigation')
    assert.doesNotMatch(page.body, CHILD_NAMES)
  }
  await app.close()
})

forEachDatabase('the outbox pages through its emails, newest first', async (database) => {
  const { app, browser, services, clock } = await testApp(database)
  const reminders = services.reminders({ sender: outboxSender, baseUrl: 'https://sin.example.gov.uk', reminderPoints: [2, 0, -1], dailyDigest: true })
  for (const day of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02']) {
    clock.set(`${day}T09:00:00.000Z`)
    await reminders.tick()
  }
  const admin = browser()
  await admin.signIn(DEMO.admin)
  const first = await admin.get('/outbox')
  const total = Number(/(\d+) emails\./.exec(first.body)?.[1])
  assert.ok(total > PAGE_SIZE, `${total} emails need more than one page`)
  assert.match(first.body, /govuk-pagination/)
  assert.match(first.body, /href="\/outbox\?page=2"/)
  const when = (body: string) => [...body.matchAll(/(\d+ \w+ 2026) at/g)].map((m) => Date.parse(m[1] ?? ''))
  const shown = when(first.body)
  assert.deepEqual(shown, [...shown].sort((a, b) => b - a), 'newest first')
  const last = await admin.get(`/outbox?page=${Math.ceil(total / PAGE_SIZE)}`)
  assert.equal(last.statusCode, 200)
  assert.match(last.body, /Previous/)
  assert.equal((await admin.get('/outbox?page=nonsense')).statusCode, 200)
  await app.close()
})

forEachDatabase('other roles are refused the outbox and do not see it in the navigation', async (database) => {
  const { app, browser } = await testApp(database)
  for (const email of [DEMO.practitioner, DEMO.decisionOwner, DEMO.partner, DEMO.auditor]) {
    const user = browser()
    await user.signIn(email)
    assert.equal((await user.get('/outbox')).statusCode, 403, email)
    assert.doesNotMatch((await user.get('/')).body, /href="\/outbox"/, email)
  }
  await app.close()
})

forEachDatabase('production has no outbox page and no link to it', async (database) => {
  const { app, browser } = await testApp(database, { production: true })
  const admin = browser()
  await admin.signIn(DEMO.admin)
  assert.equal((await admin.get('/outbox')).statusCode, 404)
  assert.doesNotMatch((await admin.get('/')).body, /href="\/outbox"/)
  await app.close()
})
