import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as OTPAuth from 'otpauth'
import { acceptedStep, DEMO_TOTP_SECRET, mfaRequired, newTotpSecret, timeStep, totpCodeForStep, totpUri } from './index.js'

const at = new Date('2026-11-24T09:00:10.000Z')
const step = timeStep(at)

test('a code is accepted for its own step and one either side, never further', () => {
  for (const delta of [-1, 0, 1]) assert.equal(acceptedStep(DEMO_TOTP_SECRET, totpCodeForStep(DEMO_TOTP_SECRET, step + delta), at, 0), step + delta)
  for (const delta of [-3, -2, 2, 3]) assert.equal(acceptedStep(DEMO_TOTP_SECRET, totpCodeForStep(DEMO_TOTP_SECRET, step + delta), at, 0), null)
})

test('a time-step already used (or earlier) is refused: no replay', () => {
  const code = totpCodeForStep(DEMO_TOTP_SECRET, step)
  assert.equal(acceptedStep(DEMO_TOTP_SECRET, code, at, step - 1), step)
  assert.equal(acceptedStep(DEMO_TOTP_SECRET, code, at, step), null)
  assert.equal(acceptedStep(DEMO_TOTP_SECRET, totpCodeForStep(DEMO_TOTP_SECRET, step - 1), at, step), null)
})

test('codes are the standard ones (SHA-1, 6 digits, 30 s) that authenticator apps make, and malformed input is refused', () => {
  const secret = newTotpSecret()
  assert.equal(secret.length, 32, '160 bits in base32')
  const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
  assert.equal(acceptedStep(secret, app.generate({ timestamp: at.getTime() }), at, 0), step)
  assert.match(totpUri(secret, 'someone@demo.example'), /^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/)
  for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5x']) assert.equal(acceptedStep(secret, bad, at, 0), null, bad)
  assert.equal(acceptedStep(secret, app.generate({ timestamp: at.getTime() }).replace(/(\d{3})/, '$1 '), at, 0), step, 'spaces are ignored')
})

test('decision owners, admins and auditors must use an app in any authority; others only when it is required for all', () => {
  const m = (role: 'practitioner' | 'admin' | 'auditor' | 'decision-owner' | 'partner') => ({ authorityId: 'a', authorityCode: 'A', authorityName: 'A', role })
  for (const role of ['admin', 'auditor', 'decision-owner'] as const) assert.equal(mfaRequired([m('practitioner'), m(role)], false), true, role)
  assert.equal(mfaRequired([m('practitioner'), m('partner')], false), false)
  assert.equal(mfaRequired([m('practitioner')], true), true)
})
