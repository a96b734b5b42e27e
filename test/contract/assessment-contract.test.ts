// Every contract example, through assess() and through the real ./bin/sin assess. The examples
// are copied into test/fixtures/contract so the tests stand alone; when ../shared exists next
// to the repository, its copy must match ours, so that a change to the contract is noticed.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { loadBundledCalendar } from '../../src/calendar/bundled.js'
import { repoRoot, sinBinary } from '../../src/cli/run-sin.test-helper.js'
import { assess, validateFacts } from '../../src/domain/notification/index.js'

interface Example { name: string; input: unknown; expected: Record<string, unknown> }

const fixtures = join(repoRoot, 'test/fixtures/contract')
const shared = join(repoRoot, '../shared/contract/examples')
const files = readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort()
const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Example
const required = (output: Record<string, unknown>) => Object.fromEntries(Object.keys(read(fixtures, files[0] as string).expected).map((k) => [k, output[k]]))

describe('the assessment contract examples', () => {
  it('are all present (8 examples)', () => {
    assert.equal(files.length, 8)
  })

  // Only where ../shared exists (the team's machines), so that the tests stand alone elsewhere.
  if (existsSync(shared)) {
    it('match the shared contract copy in ../shared', () => {
      assert.deepEqual(readdirSync(shared).filter((f) => f.endsWith('.json')).sort(), files)
      for (const file of files) assert.deepEqual(read(shared, file), read(fixtures, file), file)
    })
  }

  for (const file of files) {
    const example = read(fixtures, file)
    it(`${example.name}: assess() gives the expected fields`, () => {
      const result = validateFacts(example.input)
      assert.ok(result.ok)
      assert.deepEqual(required({ ...assess(result.facts, loadBundledCalendar()) }), example.expected)
    })
    it(`${example.name}: ./bin/sin assess prints the expected JSON and exits 0`, async () => {
      const { status, stdout, stderr } = await sinBinary(['assess'], JSON.stringify(example.input))
      assert.equal(stderr, '')
      assert.equal(status, 0)
      const output = JSON.parse(stdout) as Record<string, unknown>
      assert.deepEqual(required(output), example.expected)
      assert.ok(Array.isArray(output['reasons']) && output['reasons'].length > 0)
    })
  }
})
