import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sinBinary, sinInProcess } from '../../src/cli/run-sin.test-helper.js'

test('sin retention run: a dry run, a run, and the audit chain still verifies', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sin-retention-'))
  try {
    const env = { DATABASE_URL: `sqlite:${join(folder, 'sin.db')}`, NODE_ENV: 'development' }
    const dry = await sinBinary(['retention', 'run', '--dry-run'], '', env)
    assert.equal(dry.status, 0, dry.stderr)
    assert.match(dry.stdout, /^Dry run: nothing was changed\. Would have done:\n(.+: \d+\n)+$/)
    const run = await sinBinary(['retention', 'run'], '', env)
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /^Retention run done:\n(.+: \d+\n)+$/)
    const verify = await sinBinary(['audit', 'verify'], '', env)
    assert.equal(verify.status, 0, verify.stdout)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('sin retention: --help, and bad arguments exit 2', async () => {
  const help = await sinInProcess(['retention', '--help'])
  assert.equal(help.status, 0)
  assert.match(help.stdout, /Usage: sin retention run \[--dry-run\]/)
  for (const argv of [['retention'], ['retention', 'go'], ['retention', 'run', '--dry']]) {
    const bad = await sinInProcess(argv)
    assert.equal(bad.status, 2, argv.join(' '))
    assert.equal(bad.stdout, '')
  }
})
