import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import { loadConfig } from '../config.js'
import { openSecret, parseSecretKey, sealSecret } from './webhook-secrets.js'

test('a sealed secret opens only with its key; plain secrets still open; tampering is caught', () => {
  const key = randomBytes(32)
  const sealed = sealSecret('whsec_example', key)
  assert.match(sealed, /^aes256gcm:/)
  assert.notEqual(sealSecret('whsec_example', key), sealed, 'a fresh nonce each time')
  assert.equal(openSecret(sealed, key), 'whsec_example')
  assert.equal(openSecret(sealed, null), null)
  assert.equal(openSecret(sealed, randomBytes(32)), null)
  const [iv, tag, body = ''] = sealed.slice('aes256gcm:'.length).split(':')
  const altered = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`
  assert.equal(openSecret(`aes256gcm:${iv}:${tag}:${altered}`, key), null)
  assert.equal(openSecret('whsec_plain', key), 'whsec_plain')
  assert.equal(sealSecret('whsec_plain', null), 'whsec_plain')
})

test('WEBHOOK_SECRET_KEY must be 32 bytes of base64', () => {
  assert.equal(parseSecretKey(randomBytes(32).toString('base64'))?.length, 32)
  assert.equal(parseSecretKey(randomBytes(16).toString('base64')), null)
  assert.equal(parseSecretKey('not base64!'), null)
  assert.throws(() => loadConfig({ WEBHOOK_SECRET_KEY: 'short' }), /WEBHOOK_SECRET_KEY must be 32 random bytes in base64/)
  const key = randomBytes(32).toString('base64')
  assert.equal(loadConfig({ WEBHOOK_SECRET_KEY: key }).webhookSecretKey, key)
  assert.equal(loadConfig({}).webhookSecretKey, null)
})
