// npm run bench [-- --short] [-- --scale N] [-- SUITE…]: runs each benchmark suite in turn (the
// engine's operations per second, then the web suite's national-scale load test) and prints the
// figures, then one JSON line with every figure (for CI logs and docs/performance.md). --short
// runs each measurement briefly, so that CI keeps the benchmark working without timing anything;
// --scale seeds that share of the national data set (0.01 for a quick run).
import { performance } from 'node:perf_hooks'
import { engineSuite } from './engine.js'
import { webSuite } from './web.js'
import type { BenchSuite, Measure } from './suite.js'

// Later issues add their suites here.
const suites: readonly BenchSuite[] = [engineSuite, webSuite]

function measurer(seconds: number, log: (line: string) => void): Measure {
  return (label, operation) => {
    // Warm up so the JIT has compiled the operation before the clock starts.
    for (let i = 0; i < 20_000; i++) operation(i)
    let done = 0
    const start = performance.now()
    const until = start + seconds * 1000
    let now = start
    while (now < until) {
      for (let j = 0; j < 10_000; j++) operation(done + j)
      done += 10_000
      now = performance.now()
    }
    const perSecond = Math.round(done / ((now - start) / 1000))
    log(`  ${label}: ${perSecond.toLocaleString('en-GB')} per second`)
    return perSecond
  }
}

/** The value after `--reuse`: a SQLite file kept between runs. */
function reuseOf(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--reuse')
  if (at < 0) return undefined
  const file = argv[at + 1]
  if (!file || file.startsWith('--')) throw new Error('--reuse needs a file name, such as --reuse data/bench.db')
  return file
}

/** The value after `--scale`, when given; a bad one is refused before anything runs. */
function scaleOf(argv: readonly string[]): number | undefined {
  const at = argv.indexOf('--scale')
  if (at < 0) return undefined
  const scale = Number(argv[at + 1])
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale must be a number above 0 and at most 10, such as 0.01')
  return scale
}

export async function runBench(argv: readonly string[], log: (line: string) => void = console.log): Promise<Record<string, Record<string, unknown>>> {
  const short = argv.includes('--short')
  const scale = scaleOf(argv)
  const reuse = reuseOf(argv)
  const only = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--scale' && argv[i - 1] !== '--reuse')
  const measure = measurer(short ? 0.05 : 2, log)
  const figures: Record<string, Record<string, unknown>> = {}
  for (const suite of suites) {
    if (only.length > 0 && !only.includes(suite.name)) continue
    log(`${suite.name}${short ? ' (short)' : ''}`)
    figures[suite.name] = await suite.run(measure, { short, scale, reuse, log })
  }
  log(JSON.stringify({ bench: figures, short, node: process.version }))
  return figures
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await runBench(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(2)
  }
}
