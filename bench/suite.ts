// What a benchmark suite looks like. Each suite measures operations with `measure` (or, like the
// web suite, by its own means) and returns its figures; bench/run.ts runs the list and prints them.

/** Runs `operation(i)` repeatedly for the configured time; answers operations per second. */
export type Measure = (label: string, operation: (i: number) => void) => number

export interface SuiteOptions {
  /** --short: run briefly, to keep the benchmark working in CI without timing anything. */
  readonly short: boolean
  /** --scale N: the share of the national data set to seed (1 is 100,000 incidents). */
  readonly scale: number | undefined
  /** --reuse FILE: a SQLite file to seed once and load again on later runs (for profiling). */
  readonly reuse: string | undefined
  readonly log: (line: string) => void
}

export interface BenchSuite {
  readonly name: string
  run(measure: Measure, options: SuiteOptions): Record<string, unknown> | Promise<Record<string, unknown>>
}
