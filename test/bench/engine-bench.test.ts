// Runs the benchmark in its short mode so that it keeps working; the speed is not asserted here
// (CI machines vary), only that each figure is measured and reported.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { runBench } from '../../bench/run.js'

it('the short benchmark runs the engine suite and reports positive figures as a final JSON line', async () => {
  const lines: string[] = []
  const figures = await runBench(['--short', 'engine'], (line) => lines.push(line))
  assert.ok(Number(figures['engine']?.['deadlinesPerSecond'] ?? 0) > 0)
  assert.ok(Number(figures['engine']?.['assessmentsPerSecond'] ?? 0) > 0)
  assert.deepEqual(JSON.parse(lines.at(-1) ?? '{}').bench, figures)
})

it('refuses a scale that is not a positive number', async () => {
  await assert.rejects(runBench(['--scale', 'lots', 'engine'], () => undefined), /--scale must be a number/)
})
