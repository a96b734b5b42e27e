import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEMO_PASSWORD } from './demo.js'
import { PASSWORD_MESSAGES, checkPassword, hashPassword, passwordMatches } from './passwords.js'

const about = { email: 'pat.practitioner@demo.example', name: 'Pat Practitioner' }

test('length: at least 15 characters, up to 128, counted as characters people see', () => {
  assert.deepEqual(checkPassword(''), { ok: false, message: PASSWORD_MESSAGES.missing })
  assert.deepEqual(checkPassword('otter quilt 12'), { ok: false, message: PASSWORD_MESSAGES.tooShort })
  assert.deepEqual(checkPassword('otter quilt 123'), { ok: true })
  assert.deepEqual(checkPassword('ü'.repeat(10) + 'otter'), { ok: true })
  assert.deepEqual(checkPassword('otter quilt mango '.repeat(7)), { ok: true }, 'at least 64 characters are allowed')
  assert.deepEqual(checkPassword('x'.repeat(129)), { ok: false, message: PASSWORD_MESSAGES.tooLong })
})

test('no composition rules: lower-case words alone are fine', () => {
  assert.ok(checkPassword('otter quilt mango river').ok)
})

test('common and breached passwords are refused, whatever their case or padding', () => {
  for (const common of ['1qaz2wsx3edc4rfv', 'QAZWSXEDCRFVTGB', 'password1234567890', 'Password2024!!!!!', 'passwordpassword', 'aaaaaaaaaaaaaaaa', 'abababababababab']) {
    assert.deepEqual(checkPassword(common), { ok: false, message: PASSWORD_MESSAGES.common }, common)
  }
})

test('the user’s own email, name and the service name are refused', () => {
  assert.deepEqual(checkPassword('pat.practitioner@demo.example', about), { ok: false, message: PASSWORD_MESSAGES.personal })
  assert.deepEqual(checkPassword('Pat Practitioner 2026', about), { ok: false, message: PASSWORD_MESSAGES.personal })
  assert.deepEqual(checkPassword('Serious Incident Notifications!'), { ok: false, message: PASSWORD_MESSAGES.personal })
})

test('the demo password passes the rules', () => {
  assert.deepEqual(checkPassword(DEMO_PASSWORD, about), { ok: true })
})

test('passwords are stored as argon2id and checked exactly as typed', async () => {
  const stored = await hashPassword('otter quilt mango river')
  assert.match(stored, /^\$argon2id\$/)
  assert.ok(await passwordMatches(stored, 'otter quilt mango river'))
  assert.ok(!(await passwordMatches(stored, 'Otter quilt mango river')))
  assert.ok(!(await passwordMatches(stored, 'otter quilt mango rive')))
  assert.ok(!(await passwordMatches('not a hash', 'anything')), 'a malformed hash fails closed')
})
