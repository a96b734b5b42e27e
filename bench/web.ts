// The national-scale web benchmark (issue 9; docs/performance.md): seeds a fresh database, starts
// the service with production settings as a child process, signs in, measures what a first visit
// and a later page transfer, then loads each target in turn with the bare Fastify route as the
// baseline, and checks the figures against the targets.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../src/data/db.js'
import { DEMO_PASSWORD } from '../src/services/index.js'
import { buildServer, startBenchServer, signIn } from './load/server.js'
import { apiTarget, BROWSER_HEADERS, load, type LoadOptions, type Missing, type Target, type TargetFigures } from './load/targets.js'
import { transfer } from './load/transfer.js'
import { seedNational, type SeedFigures } from './seed/national.js'
import type { BenchSuite, SuiteOptions } from './suite.js'

/** Issue 9's targets, for the 2-core machines and the 100,000-incident data set on SQLite. */
export const TARGETS = { pageP99Ms: 50, pageRequestsPerSecond: 1000, reportsP99Ms: 250, peakRssMb: 300, firstPageMs: 2000, firstVisitKb: 60, laterPageKb: 15 } as const

/** The account the pages are loaded as: the business unit sees the widest worklist and the reports. */
const ACCOUNT = 'business-unit@demo.example'
const BENCH_SCHEMA = 'sin_bench'

async function freshDatabase(kind: 'sqlite' | 'postgres', reuse: string | undefined): Promise<{ url: string; seedUrl: string; schema?: string; cleanUp(): Promise<void> }> {
  if (kind === 'sqlite' && reuse) return { url: `sqlite:${reuse}`, seedUrl: `sqlite:${reuse}`, cleanUp: async () => undefined }
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sin-bench-'))
    const url = `sqlite:${join(dir, 'sin.db')}`
    return { url, seedUrl: url, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  // A schema of its own, dropped and made again, so the database DATABASE_URL names is otherwise untouched.
  const base = process.env.DATABASE_URL as string
  const admin = await openDatabase(base)
  await sql.raw(`drop schema if exists ${BENCH_SCHEMA} cascade; create schema ${BENCH_SCHEMA}`).execute(admin.db)
  await admin.close()
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${BENCH_SCHEMA}`)}`
  return { url, seedUrl: url, schema: BENCH_SCHEMA, cleanUp: async () => undefined }
}

/** Seeds the database, or (--reuse FILE, when profiling) finds the case page's case in one seeded before. */
async function seed(url: string, schema: string | undefined, scale: number, reused: boolean, log: (line: string) => void): Promise<{ figures: SeedFigures | null; caseId: string }> {
  const database = await openDatabase(url, schema ? { schema } : {})
  try {
    const cases = reused ? await database.db.selectFrom('incidents').select('id').where('reference', 'like', 'COV-____-____').orderBy('reference').limit(1).execute().catch(() => []) : []
    if (cases[0]) return { figures: null, caseId: cases[0].id }
    log(`  seeding at scale ${scale}`)
    const seeded = await seedNational(database, scale, log)
    log(`  seeded ${seeded.figures.incidents.toLocaleString('en-GB')} incidents and ${seeded.figures.auditEntries.toLocaleString('en-GB')} audit entries in ${seeded.figures.seconds} s`)
    return seeded
  } finally {
    await database.close()
  }
}

async function runOn(kind: 'sqlite' | 'postgres', scale: number, options: LoadOptions, reuse: string | undefined, log: (line: string) => void): Promise<Record<string, unknown>> {
  const database = await freshDatabase(kind, reuse)
  try {
    log(`  ${kind}`)
    const seeded = await seed(database.seedUrl, database.schema, scale, kind === 'sqlite' && reuse !== undefined, log)

    const server = await startBenchServer(database.url)
    try {
      log(`  first page served ${server.firstPageMs} ms after start`)
      const cookie = await signIn(server.url, ACCOUNT, DEMO_PASSWORD)
      const bytes = await transfer(server.url, cookie, '/', `/incidents/${seeded.caseId}`)
      log(`  first visit ${bytes.firstVisitKb} KB (${bytes.firstVisitFiles} files), a later page ${bytes.laterPageKb} KB, compressed`)
      const page = (name: string, path: string): Target => ({ name, url: `${server.url}${path}`, headers: { ...BROWSER_HEADERS, cookie } })
      const api = await apiTarget(server.url, database.url)
      const targets: (Target | (Missing & { name: string }))[] = [
        { name: 'baseline', url: `${server.bareUrl}/` }, page('worklist', '/'), page('case', `/incidents/${seeded.caseId}`), page('reports', '/reports'),
        'missing' in api ? { name: 'assessment', ...api } : api,
      ]
      const results: Record<string, TargetFigures | Missing> = {}
      for (const target of targets) {
        if ('missing' in target) {
          results[target.name] = { missing: target.missing }
          log(`  ${target.name}: missing (${target.missing})`)
          continue
        }
        const figures = await load(target, options)
        const baseline = results['baseline'] as TargetFigures | undefined
        if (baseline) figures.ratioToBaseline = Number((figures.requestsPerSecond / baseline.requestsPerSecond).toPrecision(3))
        results[target.name] = figures
        log(`  ${target.name}: ${figures.requestsPerSecond} req/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms${figures.non2xx + figures.errors > 0 ? `, ${figures.non2xx} not 2xx and ${figures.errors} errors` : ''}`)
      }
      const peakRssMb = server.peakRssMb()
      log(`  server peak RSS ${peakRssMb} MB`)
      return { seed: seeded.figures, firstPageMs: server.firstPageMs, peakRssMb, transfer: bytes, load: results, targetsMet: verdicts(results, peakRssMb, server.firstPageMs, bytes) }
    } finally {
      await server.stop()
    }
  } finally {
    await database.cleanUp()
  }
}

/** Which of issue 9's targets these figures meet (they are set for SQLite at full scale). */
function verdicts(results: Record<string, TargetFigures | Missing>, peakRssMb: number, firstPageMs: number, bytes: { firstVisitKb: number; laterPageKb: number }): Record<string, boolean | null> {
  const fig = (name: string) => (results[name] && !('missing' in (results[name] as object)) ? (results[name] as TargetFigures) : null)
  const page = (name: string) => {
    const f = fig(name)
    return f ? f.p99Ms <= TARGETS.pageP99Ms && f.requestsPerSecond >= TARGETS.pageRequestsPerSecond && f.non2xx === 0 : null
  }
  const reports = fig('reports')
  return {
    worklist: page('worklist'), case: page('case'), reports: reports ? reports.p99Ms <= TARGETS.reportsP99Ms && reports.non2xx === 0 : null,
    peakRss: peakRssMb <= TARGETS.peakRssMb, firstPage: firstPageMs <= TARGETS.firstPageMs,
    firstVisit: bytes.firstVisitKb <= TARGETS.firstVisitKb, laterPage: bytes.laterPageKb <= TARGETS.laterPageKb,
  }
}

export const webSuite: BenchSuite = {
  name: 'web',
  async run(_measure, options: SuiteOptions) {
    const load: LoadOptions = options.short ? { connections: 4, seconds: 1 } : { connections: 16, seconds: 10 }
    const scale = options.scale ?? (options.short ? 0.002 : 1)
    options.log('  compiling the service (npm run build) so that it runs as in production')
    await buildServer()
    const figures: Record<string, unknown> = { scale, connections: load.connections, secondsPerTarget: load.seconds, sqlite: await runOn('sqlite', scale, load, options.reuse, options.log) }
    if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) figures.postgres = await runOn('postgres', scale, load, undefined, options.log)
    return figures
  },
}
