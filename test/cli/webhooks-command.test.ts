import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sinBinary, sinInProcess } from '../../src/cli/run-sin.test-helper.js'

test('sin webhooks run: one tick on a temporary SQLite database', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sin-webhooks-'))
  try {
    const result = await sinBinary(['webhooks', 'run'], '', { DATABASE_URL: `sqlite:${join(folder, 'sin.db')}`, NODE_ENV: 'development', EMAIL_TRANSPORT: 'outbox' })
    assert.equal(result.status, 0, result.stderr)
    assert.equal(result.stdout, 'Enqueued: 0. Delivered: 0. Will retry: 0. Failed: 0.\n')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('sin webhooks: --help, and bad arguments exit 2', async () => {
  const help = await sinInProcess(['webhooks', '--help'])
  assert.equal(help.status, 0)
  assert.match(help.stdout, /Usage: sin webhooks run/)
  const bad = await sinInProcess(['webhooks', 'send'])
  assert.equal(bad.status, 2)
  assert.match(bad.stderr, /expected "sin webhooks run"/)
})
