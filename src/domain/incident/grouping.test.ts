import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Child } from './fields.js'
import { groupingProblems, proposeNotifications } from './grouping.js'

const child = (id: string, outcome: Child['outcome'], siblingGroup?: string): Child => ({ id, nameStatus: 'known', name: `Child ${id} Demo`, outcome, ...(siblingGroup ? { siblingGroup } : {}) })
const groups = (children: Child[], exploitationOperation = false) => proposeNotifications(children, { exploitationOperation }).map((p) => p.childIds)

test('R6: one notification for each child who died, siblings or not (scenario 18)', () => {
  const proposals = proposeNotifications([child('a', 'died', 'X'), child('b', 'died', 'X')], {})
  assert.deepEqual(proposals.map((p) => p.childIds), [['a'], ['b']])
  assert.match(proposals[0]?.reason ?? '', /separate notification for each child who died.*GOV\.UK/)
})

test('R6: harmed siblings together in one notification (scenario 16)', () => {
  const proposals = proposeNotifications([child('a', 'seriously_harmed', 'X'), child('b', 'seriously_harmed', 'X')], {})
  assert.deepEqual(proposals.map((p) => p.childIds), [['a', 'b']])
  assert.match(proposals[0]?.reason ?? '', /siblings/)
})

test('R6: harmed children who are not siblings get one each (scenario 17)', () => {
  assert.deepEqual(groups([child('a', 'seriously_harmed'), child('b', 'seriously_harmed', 'X'), child('c', 'seriously_harmed', 'Y')]), [['a'], ['b'], ['c']])
})

test('R6: a large exploitation operation has one notification for the main child (scenario 19)', () => {
  const proposals = proposeNotifications([child('a', 'seriously_harmed'), child('b', 'seriously_harmed'), child('c', 'harm_uncertain')], { exploitationOperation: true })
  assert.deepEqual(proposals.map((p) => p.childIds), [['a']])
  assert.match(proposals[0]?.reason ?? '', /main child.*other 2 children.*case outline/)
})

test('R6: a death and a harmed sibling: one for the death, one for the harmed child; unharmed children are not covered', () => {
  assert.deepEqual(groups([child('a', 'died', 'X'), child('b', 'seriously_harmed', 'X'), child('c', 'not_seriously_harmed', 'X')]), [['a'], ['b']])
})

test('an adjusted grouping needs a reason and each child in one notification only', () => {
  const children = [child('a', 'seriously_harmed'), child('b', 'seriously_harmed')]
  assert.deepEqual(groupingProblems(children, { groups: [{ childIds: ['a', 'b'] }], reason: 'Cousins raised as siblings' }), {})
  assert.deepEqual(groupingProblems(children, { groups: [{ childIds: ['a'] }, { childIds: ['a'] }], reason: ' ' }), {
    reason: 'Enter why you are changing the notifications proposed',
    groups: 'Select each child for one notification only',
  })
  assert.deepEqual(groupingProblems(children, { groups: [{ childIds: ['z'] }], reason: 'x' }), { groups: 'Select children from this incident' })
})
