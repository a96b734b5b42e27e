// npm run audit:deps (ASVS 15.2.1): the production dependencies' known advisories, from the npm
// registry. Fails on any high or critical one. When the advisory service cannot be reached (no
// network, or a registry mirror without it) it warns and passes: an unreachable service says
// nothing about our dependencies, and CI must not fail for it.
// `--from FILE` reads a saved `npm audit --json` answer instead (to check this script by hand).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const from = process.argv.indexOf('--from')
const text = from > 0
  ? readFileSync(process.argv[from + 1] ?? '', 'utf8')
  : spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }).stdout ?? ''

let report
try {
  report = JSON.parse(text)
} catch {
  report = null
}
const counts = report?.metadata?.vulnerabilities
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? 'no answer'
  console.warn(`WARNING: the dependency audit did not run: the npm advisory service could not be reached (${why}). Run "npm run audit:deps" where it can be.`)
  process.exit(0)
}

const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === 'high' || v.severity === 'critical')
if (serious.length > 0) {
  console.error(`The production dependencies have ${serious.length} high or critical advisories:`)
  for (const v of serious) {
    const titles = (v.via ?? []).filter((x) => typeof x === 'object').map((x) => `${x.title} (${x.url})`)
    console.error(`  - ${v.name} ${v.range} [${v.severity}]${titles.length ? `: ${titles.join('; ')}` : ''}${v.fixAvailable ? ' (a fix is available)' : ''}`)
  }
  process.exit(1)
}
console.log(`Dependency audit: no high or critical advisories in production dependencies (${counts.total ?? 0} lower ones).`)
