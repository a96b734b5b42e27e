// What a benchmark suite looks like. Each suite measures operations with `measure` and returns
// its figures (name -> operations per second); bench/run.ts runs the list and prints them.

/** Runs `operation(i)` repeatedly for the configured time; answers operations per second. */
export type Measure = (label: string, operation: (i: number) => void) => number

export interface BenchSuite {
  readonly name: string
  run(measure: Measure): Record<string, number> | Promise<Record<string, number>>
}
