// sin assess, deadline and working-days: answers, help texts, and every kind of bad input
// (exit status 2, nothing on standard output, the field or option named on standard error).
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { raw } from '../../domain/notification/test-facts.js'
import { sinBinary, sinInProcess } from '../run-sin.test-helper.js'

const dir = mkdtempSync(join(tmpdir(), 'sin-cli-'))
const file = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const onlyNewYear2026 = file('one-holiday.json', JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'New Year’s Day', date: '2026-01-01', notes: '', bunting: true }] } }))

async function refused(argv: string[], named: string | RegExp, stdin = '') {
  const { status, stdout, stderr } = await sinInProcess(argv, stdin)
  assert.equal(status, 2, `exit status for ${argv.join(' ')}`)
  assert.equal(stdout, '', 'nothing on standard output')
  assert.match(stderr, typeof named === 'string' ? new RegExp(named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : named)
}

describe('sin deadline and sin working-days', () => {
  it('deadline prints the Nth working day after --from', async () => {
    assert.deepEqual(await sinInProcess(['deadline', '--from', '2026-12-23', '--working-days', '5']), { status: 0, stdout: '2027-01-04\n', stderr: '' })
    assert.equal((await sinInProcess(['deadline', '--from', '2026-11-21', '--working-days', '0'])).stdout, '2026-11-21\n')
    assert.equal((await sinInProcess(['deadline', '--from', '2026-11-20', '--working-days', '400'])).status, 0)
  })
  it('working-days prints the count after --from up to and including --to, 0 when --to is not after', async () => {
    assert.equal((await sinInProcess(['working-days', '--from', '2026-12-23', '--to', '2027-01-04'])).stdout, '5\n')
    assert.equal((await sinInProcess(['working-days', '--from', '2026-12-23', '--to', '2026-12-01'])).stdout, '0\n')
  })
  it('--holidays replaces the bundled calendar', async () => {
    // Only 1 January 2026 is a holiday, so Good Friday counts and the calendar ends in 2026.
    assert.equal((await sinInProcess(['deadline', '--from', '2026-04-02', '--working-days', '1', '--holidays', onlyNewYear2026])).stdout, '2026-04-03\n')
    await refused(['deadline', '--from', '2026-12-30', '--working-days', '5', '--holidays', onlyNewYear2026], /--working-days: 2027-01-01 is outside/)
  })
  const bad: [string, string[], string | RegExp][] = [
    ['a missing --from', ['deadline', '--working-days', '5'], '--from is required'],
    ['an impossible --from date', ['deadline', '--from', '2026-02-30', '--working-days', '5'], '--from must be a real date'],
    ['a missing --working-days', ['deadline', '--from', '2026-02-03'], '--working-days is required'],
    ['a negative count', ['deadline', '--from', '2026-02-03', '--working-days=-1'], '--working-days must be a whole number'],
    ['a count over 400', ['deadline', '--from', '2026-02-03', '--working-days', '401'], '--working-days must be a whole number'],
    ['a fractional count', ['deadline', '--from', '2026-02-03', '--working-days', '1.5'], '--working-days must be a whole number'],
    ['a count that is not a number', ['deadline', '--from', '2026-02-03', '--working-days', 'five'], '--working-days'],
    ['a count beyond the calendar', ['deadline', '--from', '2028-12-20', '--working-days', '10'], /--working-days: 2029-01-01 is outside the years/],
    ['a start before the calendar', ['deadline', '--from', '2017-06-01', '--working-days', '1'], /--from: 2017-06-02 is outside/],
    ['an unknown option', ['deadline', '--from', '2026-02-03', '--working-days', '1', '--days', '3'], '--days'],
    ['a missing --to', ['working-days', '--from', '2026-02-03'], '--to is required'],
    ['an impossible --to date', ['working-days', '--from', '2026-02-03', '--to', '2026-04-31'], '--to must be a real date'],
    ['a --to beyond the calendar', ['working-days', '--from', '2026-02-03', '--to', '2030-01-01'], /--to: 2029-01-01 is outside/],
    ['a missing holidays file', ['deadline', '--from', '2026-02-03', '--working-days', '1', '--holidays', join(dir, 'none.json')], /--holidays: cannot read/],
    ['a holidays file that is not JSON', ['working-days', '--from', '2026-02-03', '--to', '2026-02-04', '--holidays', file('bad.json', '{')], /--holidays: .*not valid JSON/],
    ['a holidays file in the wrong shape', ['deadline', '--from', '2026-02-03', '--working-days', '1', '--holidays', file('shape.json', '{"scotland":{}}')], /--holidays: .*england-and-wales/],
  ]
  for (const [what, argv, named] of bad) it(`refuses ${what} with exit status 2`, () => refused(argv, named))
})

describe('sin assess', () => {
  it('reads the facts from a FILE as well as from standard input', async () => {
    const path = file('facts.json', JSON.stringify(raw()))
    const fromFile = await sinInProcess(['assess', path])
    const fromStdin = await sinInProcess(['assess', '-'], JSON.stringify(raw()))
    assert.equal(fromFile.status, 0)
    assert.equal(fromFile.stdout, fromStdin.stdout)
    assert.equal(JSON.parse(fromFile.stdout).decision, 'notify')
  })
  const bad: [string, unknown, string][] = [
    ['a missing required field', { ...raw(), awareDate: undefined }, 'awareDate is required'],
    ['a wrong type', raw({ normallyResident: 'yes' }), 'normallyResident must be true or false'],
    ['an unknown enum value', raw({ location: 'wales' }), 'location must be one of'],
    ['an impossible date', raw({ awareDate: '2026-02-30' }), 'awareDate must be a real date'],
    ['an incident date after awareness', raw({ incidentDate: '2026-03-05' }), 'incidentDate'],
    ['a date of birth after the incident', raw({ child: { dateOfBirth: '2026-03-01' } }), 'child.dateOfBirth'],
    ['a wrongly typed child field', raw({ child: { lookedAfter: 'yes' } }), 'child.lookedAfter'],
    ['an awareness date whose deadline is beyond the calendar', raw({ awareDate: '2028-12-28', incidentDate: '2028-12-27' }), 'awareDate: 2029-01-01 is outside'],
    ['a JSON list instead of an object', [], 'must be a JSON object'],
  ]
  for (const [what, input, named] of bad) it(`refuses ${what}: exit 2, nothing on stdout, "${named}" on stderr`, () => refused(['assess'], named, JSON.stringify(input)))
  it('refuses input that is not JSON', () => refused(['assess'], 'is not valid JSON', '{"awareDate":'))
  it('refuses an unreadable FILE, naming it', () => refused(['assess', join(dir, 'missing.json')], /cannot read FILE .*missing\.json/))
  it('refuses two input files', () => refused(['assess', 'a.json', 'b.json'], 'at most one input FILE'))
  it('refuses a bad --holidays file', () => refused(['assess', '--holidays', join(dir, 'none.json')], '--holidays', JSON.stringify(raw())))
  it('through the real binary: bad input gives exit 2, empty stdout, the field on stderr', async () => {
    const { status, stdout, stderr } = await sinBinary(['assess'], JSON.stringify(raw({ outcome: 'hurt' })))
    assert.deepEqual([status, stdout], [2, ''])
    assert.match(stderr, /^sin assess: outcome must be one of/)
  })
})

describe('help texts', () => {
  for (const name of ['assess', 'deadline', 'working-days', 'holidays']) {
    it(`sin ${name} --help explains the command and exits 0`, async () => {
      const { status, stdout } = await sinInProcess([name, '--help'])
      assert.equal(status, 0)
      assert.match(stdout, new RegExp(`^Usage: sin ${name}`))
      assert.match(stdout, /Example/)
    })
  }
  it('sin --help lists the engine commands', async () => {
    const { stdout } = await sinInProcess(['--help'])
    for (const name of ['assess', 'deadline', 'working-days', 'holidays']) assert.match(stdout, new RegExp(`\\n  ${name} `))
  })
})
