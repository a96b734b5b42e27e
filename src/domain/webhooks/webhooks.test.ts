import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkEndpointUrl, eventForAuditAction, retryDelayMs } from './index.js'

test('endpoint addresses: https always; http only to this machine and never in production', () => {
  assert.deepEqual(checkEndpointUrl(' https://receiver.example.gov.uk/hooks ', true), { ok: true, url: 'https://receiver.example.gov.uk/hooks' })
  assert.ok(checkEndpointUrl('http://localhost:8080/hooks', false).ok)
  assert.ok(checkEndpointUrl('http://127.0.0.1:8080/hooks', false).ok)
  assert.deepEqual(checkEndpointUrl('http://localhost:8080/hooks', true), { ok: false, message: 'Address must start with https://' })
  assert.match((checkEndpointUrl('http://receiver.example/hooks', false) as { message: string }).message, /only to localhost or 127.0.0.1/)
  assert.match((checkEndpointUrl('https://user:pass@receiver.example/', true) as { message: string }).message, /user name or password/)
  assert.match((checkEndpointUrl('ftp://receiver.example/', true) as { message: string }).message, /starting with https:\/\//)
  assert.match((checkEndpointUrl('not an address', true) as { message: string }).message, /starting with https:\/\//)
  assert.equal((checkEndpointUrl('', true) as { message: string }).message, 'Enter the address deliveries are sent to')
})

test('which audit actions raise which events, and the retry waits double', () => {
  assert.deepEqual(eventForAuditAction('incident.created'), { type: 'incident.recorded' })
  assert.deepEqual(eventForAuditAction('incident.decide-do-not-notify'), { type: 'decision.made', detail: 'do_not_notify' })
  assert.equal(eventForAuditAction('incident.record-notification')?.type, 'notification.sent')
  assert.equal(eventForAuditAction('record.viewed'), undefined)
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(n)), [60_000, 120_000, 240_000, 480_000])
})
