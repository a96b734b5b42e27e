// Runs every *.test.ts under src/ and test/ with node:test through tsx. Node 20's runner does not
// expand globs and passes when it finds nothing, so the file list is built here and an empty
// list is a failure. The summary reporter's line ("N passed, N failed") is the last line printed.
// Options: --no-browser (leave out test/browser), any other argument filters files by substring.
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const args = process.argv.slice(2)
const noBrowser = args.includes('--no-browser')
const filters = args.filter((a) => !a.startsWith('--'))

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules') return []
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

const files = ['src', 'test']
  .flatMap((dir) => walk(dir))
  .map((f) => relative('.', f))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => !(noBrowser && f.startsWith(join('test', 'browser'))))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

if (files.length === 0) {
  console.error('No test files found.')
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const child = spawn(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stderr',
    '--test-reporter=./test/summary-reporter.mjs', '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
)
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
