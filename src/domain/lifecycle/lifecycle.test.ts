import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ROLES } from '../permissions/index.js'
import { availableActions, canTransition, LIFECYCLE_ACTIONS, STATUSES, transition } from './index.js'

// Every allowed step, written out by hand from the procedure: role, from, action, to. Anything
// not listed must be refused, so a missing or extra entry in the table fails this test.
const RECORDING = (role: string) => [
  [role, 'draft', 'update_record', 'draft'],
  [role, 'draft', 'submit', 'awaiting_discussion'],
  [role, 'awaiting_discussion', 'update_record', 'awaiting_discussion'],
  [role, 'awaiting_discussion', 'adjust_notifications', 'awaiting_discussion'],
  [role, 'partners_consulted', 'update_record', 'partners_consulted'],
  [role, 'partners_consulted', 'adjust_notifications', 'partners_consulted'],
]
const ALLOWED: readonly (readonly string[])[] = [
  ...RECORDING('practitioner'),
  ...RECORDING('business-unit'),
  ['business-unit', 'awaiting_discussion', 'request_views', 'partners_consulted'],
  ['business-unit', 'partners_consulted', 'request_views', 'partners_consulted'],
  ...RECORDING('decision-owner'),
  ...['awaiting_discussion', 'partners_consulted'].flatMap((from) => [
    ['decision-owner', from, 'request_views', 'partners_consulted'],
    ['decision-owner', from, 'record_working_view', from],
    ['decision-owner', from, 'decide_notify', 'decided_notify'],
    ['decision-owner', from, 'decide_do_not_notify', 'decided_do_not_notify'],
    ['decision-owner', from, 'decide_refer', 'decided_refer_to_other_authority'],
  ]),
  ['decision-owner', 'decided_notify', 'revisit', 'awaiting_discussion'],
  ['decision-owner', 'decided_do_not_notify', 'revisit', 'awaiting_discussion'],
  ['decision-owner', 'decided_refer_to_other_authority', 'revisit', 'awaiting_discussion'],
  ['decision-owner', 'decided_refer_to_other_authority', 'record_liaison', 'decided_refer_to_other_authority'],
  ['partner', 'awaiting_discussion', 'record_view', 'partners_consulted'],
  ['partner', 'partners_consulted', 'record_view', 'partners_consulted'],
]

for (const role of ROLES) {
  test(`lifecycle: ${role} may take exactly the listed steps`, () => {
    for (const status of STATUSES) {
      for (const action of LIFECYCLE_ACTIONS) {
        const expected = ALLOWED.find(([r, s, a]) => r === role && s === status && a === action)
        const result = transition(status, role, action, 'a comment')
        assert.equal(canTransition(status, role, action), expected !== undefined, `${role} ${status} ${action}`)
        if (expected) assert.deepEqual(result.ok && result.to, expected[3], `${role} ${status} ${action}`)
        else assert.equal(!result.ok && result.reason, 'not-allowed', `${role} ${status} ${action}`)
      }
    }
  })
}

test('lifecycle: a step cannot be skipped (a draft cannot be decided, a decision cannot be remade without a revisit)', () => {
  assert.equal(canTransition('draft', 'decision-owner', 'decide_notify'), false)
  assert.equal(canTransition('decided_notify', 'decision-owner', 'decide_do_not_notify'), false)
  assert.equal(canTransition('decided_notify', 'practitioner', 'update_record'), false)
  assert.deepEqual(availableActions('decided_notify', 'decision-owner'), ['revisit'])
  assert.deepEqual(availableActions('draft', null), [])
})

test('lifecycle: decisions, revisits and partner views need a comment; submitting does not', () => {
  assert.deepEqual(transition('awaiting_discussion', 'decision-owner', 'decide_notify', '  '), { ok: false, reason: 'comment-required', message: 'Enter reasons for your decision' })
  assert.equal(transition('decided_notify', 'decision-owner', 'revisit').ok, false)
  assert.equal(transition('awaiting_discussion', 'partner', 'record_view', '').ok, false)
  assert.deepEqual(transition('draft', 'practitioner', 'submit'), { ok: true, from: 'draft', to: 'awaiting_discussion', comment: null })
  assert.deepEqual(transition('draft', 'practitioner', 'update_record', 'ignored'), { ok: true, from: 'draft', to: 'draft', comment: null })
})
