// npm run bench [-- --short]: runs each benchmark suite in turn and prints operations per second,
// then one JSON line with every figure (for CI logs and docs/performance). --short runs each
// measurement briefly, so that CI keeps the benchmark working without timing anything.
import { performance } from 'node:perf_hooks'
import { engineSuite } from './engine.js'
import type { BenchSuite, Measure } from './suite.js'

// Later issues add their suites here.
const suites: readonly BenchSuite[] = [engineSuite]

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

export async function runBench(argv: readonly string[], log: (line: string) => void = console.log): Promise<Record<string, Record<string, number>>> {
  const short = argv.includes('--short')
  const only = argv.filter((a) => !a.startsWith('--'))
  const measure = measurer(short ? 0.05 : 2, log)
  const figures: Record<string, Record<string, number>> = {}
  for (const suite of suites) {
    if (only.length > 0 && !only.includes(suite.name)) continue
    log(`${suite.name}${short ? ' (short)' : ''}`)
    figures[suite.name] = await suite.run(measure)
  }
  log(JSON.stringify({ bench: figures, short, node: process.version }))
  return figures
}

if (import.meta.url === `file://${process.argv[1]}`) await runBench(process.argv.slice(2))
