// SECURITY.md maps each ASVS requirement to the tests that prove it. This keeps the mapping
// honest: every test it names must exist, in the file it names, with that exact title.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'

const page = readFileSync('SECURITY.md', 'utf8')
// A test is named as `path/to/file.test.ts`: `its title`.
const NAMED = /`([\w./-]+\.test\.ts)`: `([^`]+)`/g

test('SECURITY.md names only tests that exist, by file and exact title', () => {
  const named = [...page.matchAll(NAMED)].map((m) => ({ file: m[1] ?? '', title: m[2] ?? '' }))
  assert.ok(named.length > 40, `SECURITY.md names ${named.length} tests`)
  const broken = named.filter(({ file, title }) => !existsSync(file) || !readFileSync(file, 'utf8').includes(`'${title}'`)).map(({ file, title }) => `${file}: ${title}`)
  assert.deepEqual(broken, [], 'SECURITY.md names tests that do not exist (fix the title or the file)')
})

test('SECURITY.md gives every requirement a status, and every one not covered a reason', () => {
  const rows = page.split('\n').filter((line) => /^\| [\d.V/ x–,()A-Za-z-]+ \| /.test(line) && !line.startsWith('| ASVS') && !line.startsWith('| Issue'))
  assert.ok(rows.length > 60, `found ${rows.length} requirement rows`)
  for (const row of rows) {
    const cells = row.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim())
    const status = cells[2] ?? ''
    assert.match(status, /^(Covered|Not applicable|Gap|Pending merge: .+)$/, row)
    if (status === 'Covered') assert.ok(/`[^`]+`/.test(cells[3] ?? ''), `covered but names nothing: ${row}`)
    if (status === 'Not applicable' || status === 'Gap') assert.ok((cells[3] ?? '').length > 20, `no reason given: ${row}`)
  }
})
