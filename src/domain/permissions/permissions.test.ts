import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ACTIONS, Permissions, ROLES, ROLE_ACTIONS, roleMay, type AuthorityMembership } from './index.js'

const cov: AuthorityMembership = { authorityId: 'a-cov', authorityCode: 'COV', authorityName: 'Coventry City Council', role: 'partner' }
const demo: AuthorityMembership = { authorityId: 'a-demo', authorityCode: 'DEMO', authorityName: 'Demo Borough Council', role: 'admin' }

test('the role table: who may do what', () => {
  assert.ok(roleMay('practitioner', 'incident:record'))
  assert.ok(!roleMay('practitioner', 'decision:record'))
  assert.ok(roleMay('decision-owner', 'decision:record'))
  assert.ok(roleMay('partner', 'partner-view:record'))
  assert.ok(roleMay('business-unit', 'review:manage'))
  assert.ok(roleMay('admin', 'users:manage') && roleMay('admin', 'settings:manage'))
  assert.ok(!roleMay('admin', 'case:view'), 'admins run the service, they do not read cases')
})

test('auditors read everything, including the audit trail, and change nothing', () => {
  const readOnly = new Set(['case:view', 'report:view', 'audit:view', 'settings:view', 'users:view'])
  assert.ok(roleMay('auditor', 'audit:view'))
  for (const action of ROLE_ACTIONS.auditor) assert.ok(readOnly.has(action), `auditor may ${action}`)
  for (const role of ROLES.filter((r) => r !== 'auditor')) assert.ok(!roleMay(role, 'audit:view'), `${role} may view the audit trail`)
})

test('nobody signed in may do anything', () => {
  const none = Permissions.none()
  for (const action of ACTIONS) assert.equal(none.can(action), false)
  assert.equal(none.role, null)
  assert.equal(none.currentAuthority, null)
})

test('a single membership is the current authority', () => {
  const p = new Permissions([cov])
  assert.equal(p.currentAuthority?.code, 'COV')
  assert.equal(p.role, 'partner')
  assert.ok(p.can('partner-view:record'))
  assert.ok(!p.can('users:manage'))
})

test('with several memberships the role follows the chosen authority', () => {
  const inCov = new Permissions([cov, demo], 'a-cov')
  const inDemo = new Permissions([cov, demo], 'a-demo')
  assert.ok(inCov.can('partner-view:record') && !inCov.can('users:manage'))
  assert.ok(inDemo.can('users:manage') && !inDemo.can('partner-view:record'))
  assert.deepEqual(inCov.authorities.map((a) => a.code), ['COV', 'DEMO'])
  assert.equal(inCov.roleIn('a-demo'), 'admin')
})

test('with several memberships and no choice made, nothing is allowed', () => {
  const p = new Permissions([cov, demo])
  assert.equal(p.currentAuthority, null)
  for (const action of ACTIONS) assert.equal(p.can(action), false)
})

test('an authority the user is not a member of grants nothing', () => {
  const p = new Permissions([cov, demo], 'a-elsewhere')
  assert.equal(p.currentAuthority, null)
  assert.ok(!p.mayWorkIn('a-elsewhere'))
  assert.ok(!new Permissions([cov], 'a-cov').canIn('a-demo', 'partner-view:record'), 'an action elsewhere than the current authority')
})

test('a role the code does not know grants nothing', () => {
  const odd = { ...cov, role: 'superuser' } as unknown as AuthorityMembership
  const p = new Permissions([odd])
  assert.equal(p.role, null)
  assert.ok(!p.can('case:view'))
})
