import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CalendarDay } from '../calendar/index.js'
import { checkAnswers, sectionStatuses } from './completeness.js'
import type { IncidentRecord } from './fields.js'
import { childDatesProblems, datesProblems } from './validation.js'

const today = CalendarDay.parse('2026-11-24')
const record = (over: Partial<IncidentRecord>): IncidentRecord => ({ awareness: {}, incident: {}, abuse: {}, safeguarding: {}, children: [], ...over })

test('cross-field: the incident cannot be after the day of awareness, worded for the field to change', () => {
  const r = record({ awareness: { awareDate: '2026-11-20' }, incident: { incidentDate: '2026-11-21' } })
  assert.deepEqual(datesProblems(r, today, 'incident'), { incidentDate: 'Date of incident must be the same as or before the date you became aware' })
  assert.deepEqual(datesProblems(r, today, 'awareness'), { awareDate: 'Date you became aware must be the same as or after the date of the incident' })
  assert.deepEqual(datesProblems(record({ awareness: { awareDate: '2026-11-25' } }), today, 'awareness'), { awareDate: 'Date you became aware must be today or in the past' })
  assert.match(datesProblems(record({ awareness: { awareDate: '2018-06-28' } }), today, 'awareness')['awareDate'] ?? '', /29 June 2018/)
})

test('cross-field: a date of birth cannot be after the incident (or, with no incident date, after awareness)', () => {
  const r = record({ awareness: { awareDate: '2026-11-20' }, incident: { incidentDate: '2026-11-10' } })
  assert.deepEqual(childDatesProblems(r, { dateOfBirth: '2026-11-11' }, today), { dateOfBirth: 'Date of birth must be the same as or before the date of the incident' })
  assert.deepEqual(childDatesProblems(r, { dateOfBirth: '2026-11-10' }, today), {})
  const noDate = record({ awareness: { awareDate: '2026-11-20' }, incident: { incidentDateNotKnown: true } })
  assert.deepEqual(childDatesProblems(noDate, { dateOfBirth: '2026-11-21' }, today), { dateOfBirth: 'Date of birth must be the same as or before the date you became aware' })
  const withChild = record({ ...r, children: [{ id: 'c', dateOfBirth: '2026-11-05' }], incident: { incidentDate: '2026-11-01' } })
  assert.deepEqual(datesProblems(withChild, today, 'incident'), { incidentDate: 'Date of incident must be the same as or after each child’s date of birth' })
})

test('task list and check answers: not started, in progress, completed, and what is missing', () => {
  const r = record({ awareness: { awareDate: '2026-11-20', source: 'other' }, abuse: { abuseOrNeglect: 'not_suspected' } })
  assert.deepEqual(sectionStatuses(r), { awareness: 'in_progress', incident: 'not_started', abuse: 'completed', safeguarding: 'not_started', children: 'not_started' })
  const missing = checkAnswers(r)
  assert.deepEqual(missing.find((m) => m.section === 'awareness'), { section: 'awareness', field: 'sourceDetail', message: 'Enter who told you about the incident' })
  assert.ok(missing.some((m) => m.field === 'children' && m.message === 'Add at least one child'))
  const withChild = checkAnswers(record({ children: [{ id: 'c1', nameStatus: 'unborn' }] }))
  assert.ok(!withChild.some((m) => m.childId === 'c1' && m.field === 'dateOfBirth'), 'an unborn child needs no date of birth')
  assert.ok(withChild.some((m) => m.childId === 'c1' && m.field === 'outcome' && m.message.startsWith('Unborn child 1:')))
})
