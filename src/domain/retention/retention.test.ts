import assert from 'node:assert/strict'
import { test } from 'node:test'
import { REMOVED, RETENTION_RECORD_TYPES, RETENTION_RULES, anonymiseChild, defaultPeriods, periodErrors, periodText, replaceNames, scrubFreeText } from './index.js'

test('every default lies in its own range and says what it rests on', () => {
  for (const type of RETENTION_RECORD_TYPES) {
    const rule = RETENTION_RULES[type]
    assert.ok(rule.min <= rule.defaultPeriod && rule.defaultPeriod <= rule.max, type)
    assert.ok(rule.basis.length > 20, type)
  }
  assert.deepEqual(periodErrors(defaultPeriods()), {})
})

test('periods: blank, not whole, and out of range are refused with the range named', () => {
  const errors = periodErrors({ ...defaultPeriods(), closed_case: '', session: '1.5', draft_incident: '29', audit_personal: '-1' })
  assert.deepEqual(Object.keys(errors).sort(), ['audit_personal', 'closed_case', 'draft_incident', 'session'])
  assert.equal(errors.draft_incident, 'Draft incidents never sent for a discussion must be kept for between 30 and 3,650 days')
  assert.equal(periodText('closed_case', 1), '1 year')
  assert.equal(periodText('session', 30), '30 days')
})

test('free text is removed, codes and dates stay', () => {
  const scrubbed = scrubFreeText({ outline: 'What happened (fictional)', location: 'this_area', incidentDate: '2026-11-20', kinds: ['neglect'], agreed: true, notes: [{ text: 'x', dueOn: '2026-12-01' }], empty: '' })
  assert.deepEqual(scrubbed, { outline: REMOVED, location: 'this_area', incidentDate: '2026-11-20', kinds: ['neglect'], agreed: true, notes: [{ text: REMOVED, dueOn: '2026-12-01' }], empty: '' })
})

test('a child keeps only their age on the day and what the reports count', () => {
  const child = { nameStatus: 'known', name: 'Child Test Demo', dateOfBirth: '2020-11-21', sex: 'female', ethnicity: 'not_stated', lookedAfter: true, careLeaver: false, outcome: 'died', siblingGroup: 'A' } as const
  assert.deepEqual(anonymiseChild(child, '2026-11-20'), { approximateAge: 5, lookedAfter: true, careLeaver: false, outcome: 'died' })
  assert.deepEqual(anonymiseChild({ approximateAge: 7 }, null), { approximateAge: 7 })
})

test('names are replaced inside any text, longest first', () => {
  const names = new Map([['Ann', 'Child 2'], ['Ann Test Demo', 'Child 1']])
  assert.deepEqual(replaceNames({ reasons: ['Ann Test Demo was harmed; Ann too'] }, names), { reasons: ['Child 1 was harmed; Child 2 too'] })
})
