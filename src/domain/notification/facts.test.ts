import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateFacts } from './facts.js'
import { BASE, raw } from './test-facts.js'

function problemFields(input: unknown): string[] {
  const result = validateFacts(input)
  assert.equal(result.ok, false, 'expected the input to be refused')
  return result.ok ? [] : result.problems.map((p) => p.field)
}

describe('validating the facts', () => {
  it('accepts the contract fields, ignores unknown fields and defaults the child flags to false', () => {
    const result = validateFacts({ ...BASE, somethingElse: 1, child: { extra: true } })
    assert.ok(result.ok)
    assert.deepEqual(result.facts.child, { dateOfBirth: undefined, unborn: false, lookedAfter: false, careLeaver: false })
  })
  it('accepts input without a child object or an incident date', () => {
    const { child: _child, incidentDate: _incident, ...rest } = BASE
    assert.ok(validateFacts(rest).ok)
  })
  for (const field of ['awareDate', 'outcome', 'abuseOrNeglect', 'location', 'normallyResident']) {
    it(`names ${field} when it is missing`, () => {
      const { [field]: _gone, ...rest } = BASE
      assert.deepEqual(problemFields(rest), [field])
    })
  }
  const wrong: [string, Record<string, unknown>][] = [
    ['awareDate', { awareDate: 20260302 }],
    ['incidentDate', { incidentDate: true }],
    ['outcome', { outcome: 'injured' }],
    ['abuseOrNeglect', { abuseOrNeglect: 'maybe' }],
    ['location', { location: 'wales' }],
    ['normallyResident', { normallyResident: 'yes' }],
    ['child', { child: 'baby' }],
    ['child.dateOfBirth', { child: { dateOfBirth: 20251030 } }],
    ['child.unborn', { child: { unborn: 'no' } }],
    ['child.lookedAfter', { child: { lookedAfter: 1 } }],
    ['child.careLeaver', { child: { careLeaver: 'true' } }],
    ['normallyResident', { normallyResident: null }],
  ]
  for (const [field, change] of wrong) {
    it(`names ${field} when it has the wrong type or value`, () => {
      assert.deepEqual(problemFields({ ...BASE, ...change }), [field])
    })
  }
  it('reads null in an optional field as unknown, as if it were left out', () => {
    const withNulls = raw({ incidentDate: null, child: { dateOfBirth: null, unborn: null, lookedAfter: null, careLeaver: null } })
    const result = validateFacts(withNulls)
    assert.ok(result.ok)
    assert.equal(result.facts.incidentDate, undefined)
    assert.equal(result.facts.child.dateOfBirth, undefined)
    assert.ok(validateFacts({ ...BASE, child: null }).ok)
  })
  it('names the field holding an impossible date such as 30 February', () => {
    assert.deepEqual(problemFields(raw({ awareDate: '2026-02-30' })), ['awareDate'])
    assert.deepEqual(problemFields(raw({ child: { dateOfBirth: '2025-02-29' } })), ['child.dateOfBirth'])
  })
  it('refuses an incident date after the day of awareness', () => {
    assert.deepEqual(problemFields(raw({ incidentDate: '2026-03-03' })), ['incidentDate'])
  })
  it('refuses a date of birth after the incident date', () => {
    assert.deepEqual(problemFields(raw({ child: { dateOfBirth: '2026-03-01' } })), ['child.dateOfBirth'])
  })
  it('refuses a date of birth after awareness when there is no incident date', () => {
    assert.deepEqual(problemFields(raw({ incidentDate: undefined, child: { dateOfBirth: '2026-03-03' } })), ['child.dateOfBirth'])
  })
  it('refuses input that is not an object', () => {
    assert.deepEqual(problemFields([]), ['(input)'])
    assert.deepEqual(problemFields(null), ['(input)'])
  })
  it('reports every problem at once, each message starting with its field', () => {
    const result = validateFacts({ awareDate: 'soon', outcome: 'x' })
    assert.ok(!result.ok)
    assert.deepEqual(result.problems.map((p) => p.field), ['awareDate', 'outcome', 'abuseOrNeglect', 'location', 'normallyResident'])
    for (const p of result.problems) assert.ok(p.message.startsWith(p.field), p.message)
  })
})
