import assert from 'node:assert/strict'
import { test } from 'node:test'
import { guessMapping, looksLikeFormula, readDate, readOutcome, readSex } from './fields.js'

test('columns are guessed from header names, each column used once', () => {
  assert.deepEqual(guessMapping(['Case ref', 'Date LA aware', 'Incident type', 'Date of incident', 'Child initials', 'DOB', 'Gender']), {
    reference: 0, awareDate: 1, outcome: 2, incidentDate: 3, childName: 4, dateOfBirth: 5, sex: 6,
  })
  assert.deepEqual(guessMapping(['Notes', 'Reference']), { reference: 1 })
  assert.deepEqual(guessMapping(['Referral notes']), {}, '"ref" must be a whole word')
})

test('dates are read as trackers write them, and only real ones', () => {
  assert.equal(readDate('24/11/2026'), '2026-11-24')
  assert.equal(readDate('4-1-2027'), '2027-01-04')
  assert.equal(readDate('2026-11-24'), '2026-11-24')
  assert.equal(readDate('31/02/2026'), undefined)
  assert.equal(readDate('11/24/2026'), undefined, 'American order is not a real UK date')
  assert.equal(readDate('tomorrow'), undefined)
})

test('known values, and cells that look like formulas', () => {
  assert.equal(readOutcome('Death'), 'died')
  assert.equal(readOutcome('SERIOUS HARM'), 'seriously_harmed')
  assert.equal(readOutcome('Drowning'), undefined)
  assert.equal(readSex('F'), 'female')
  assert.equal(readSex('Not known'), 'not_known')
  assert.equal(readSex('Purple'), undefined)
  for (const cell of ['=1+1', '+44 1234', '-2', '@SUM(A1)']) assert.ok(looksLikeFormula(cell), cell)
  for (const cell of ['A.B.', 'TRK-001', '24/11/2026']) assert.ok(!looksLikeFormula(cell), cell)
})
