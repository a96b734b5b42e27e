// The dependency audit gate (ASVS 15.2.1, scripts/audit-deps.mjs), fed saved `npm audit --json`
// answers (fictional advisories): a high or critical advisory fails CI, lower ones do not, and an
// advisory service that cannot be reached warns without failing.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

function audit(answer: unknown): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sin-audit-'))
  try {
    const file = join(dir, 'audit.json')
    writeFileSync(file, typeof answer === 'string' ? answer : JSON.stringify(answer))
    const run = spawnSync(process.execPath, ['scripts/audit-deps.mjs', '--from', file], { encoding: 'utf8' })
    return { status: run.status, out: `${run.stdout}${run.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const advisory = (severity: string) => ({
  name: 'left-pad-fictional', severity, range: '<1.0.1', fixAvailable: true,
  via: [{ title: `A ${severity} fictional advisory`, url: 'https://advisories.example.test/1' }],
})
const report = (vulnerabilities: Record<string, object>, total: number) => ({ vulnerabilities, metadata: { vulnerabilities: { total } } })

test('the dependency audit fails CI on a high or critical advisory in production dependencies, and only then', () => {
  for (const severity of ['high', 'critical']) {
    const run = audit(report({ 'left-pad-fictional': advisory(severity) }, 1))
    assert.equal(run.status, 1, severity)
    assert.match(run.out, new RegExp(`left-pad-fictional <1.0.1 \\[${severity}\\]: A ${severity} fictional advisory`))
  }
  const moderate = audit(report({ 'left-pad-fictional': advisory('moderate') }, 1))
  assert.equal(moderate.status, 0)
  assert.match(moderate.out, /no high or critical advisories in production dependencies \(1 lower ones\)/)
  const unreachable = audit({ message: '405 Method Not Allowed' })
  assert.equal(unreachable.status, 0)
  assert.match(unreachable.out, /WARNING: the dependency audit did not run: .*405 Method Not Allowed/)
  assert.equal(audit('not JSON').status, 0, 'no answer at all warns too')
})
