import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { isPublicAddress, postJson } from './webhook-http.js'
import { signature, verifySignature } from './webhook-signing.js'

test('the signature is HMAC-SHA256 over "timestamp.body", and stale or altered messages fail', () => {
  const header = signature('whsec_test', '1795510800', '{"a":1}')
  // Independently computed: printf '1795510800.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
  assert.equal(header, 'v1=8a556f24a7fe3a7be8b53ac0b8e46ead872f101f1d374921d04aa5c9bf3fa989')
  assert.ok(verifySignature('whsec_test', '1795510800', '{"a":1}', header, 1795510800 + 299))
  assert.ok(!verifySignature('whsec_test', '1795510800', '{"a":1}', header, 1795510800 + 301), 'older than five minutes')
  assert.ok(!verifySignature('whsec_test', '1795510800', '{"a":2}', header, 1795510800))
  assert.ok(!verifySignature('whsec_other', '1795510800', '{"a":1}', header, 1795510800))
})

test('only public addresses pass the SSRF guard', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', 'not-an-ip']) {
    assert.equal(isPublicAddress(address), false, address)
  }
  for (const address of ['51.140.1.1', '8.8.8.8', '2a00:1450:4009:81f::200e', '::ffff:51.140.1.1']) assert.equal(isPublicAddress(address), true, address)
})

test('postJson: a name resolving to loopback is refused in its own lookup; a silent receiver times out', async (t) => {
  const received: string[] = []
  const server = http.createServer((request) => {
    received.push(request.url ?? '') // never answers
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => {
    server.closeAllConnections()
    server.close()
  })
  const { port } = server.address() as AddressInfo
  const blocked = await postJson(`http://localhost:${port}/hooks`, '{}', {}, { timeoutMs: 1_000, allowPrivateAddresses: false })
  assert.deepEqual({ ...blocked, durationMs: 0 }, { statusCode: null, durationMs: 0, error: 'blocked_address' })
  assert.deepEqual(received, [])
  const slow = await postJson(`http://127.0.0.1:${port}/hooks`, '{}', {}, { timeoutMs: 200, allowPrivateAddresses: true })
  assert.equal(slow.error, 'timeout')
  assert.ok(slow.durationMs >= 190 && slow.durationMs < 2_000, String(slow.durationMs))
  assert.deepEqual(received, ['/hooks'])
})
