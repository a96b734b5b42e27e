import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sinBinary, sinInProcess, type SinResult } from '../../src/cli/run-sin.test-helper.js'

const sin = (argv: readonly string[], env: Record<string, string>): Promise<SinResult> => sinBinary(argv, '', env)

test('sin reminders run: one tick on a temporary SQLite database, then nothing twice', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sin-reminders-'))
  try {
    const env = { DATABASE_URL: `sqlite:${join(folder, 'sin.db')}`, NODE_ENV: 'development', EMAIL_TRANSPORT: 'outbox' }
    const first = await sin(['reminders', 'run'], env)
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /^Alerts sent: \d+\. Reminders sent: \d+\. Failed: 0\. Already sent: 0\.\n$/)
    const second = await sin(['reminders', 'run'], env)
    assert.equal(second.status, 0, second.stderr)
    assert.match(second.stdout, /Alerts sent: 0\. Reminders sent: 0\. Failed: 0\./)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('sin reminders: --help, and bad arguments exit 2', async () => {
  const help = await sinInProcess(['reminders', '--help'])
  assert.equal(help.status, 0)
  assert.match(help.stdout, /Usage: sin reminders run/)
  const bad = await sinInProcess(['reminders', 'send'])
  assert.equal(bad.status, 2)
  assert.match(bad.stderr, /expected "sin reminders run"/)
})
