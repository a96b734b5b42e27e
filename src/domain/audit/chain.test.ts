import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { ChainChecker, GENESIS_HASH, canonicalAuditText, chainHash, type ChainedEntry, type ChainedFields } from './chain.js'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

function chain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = []
  let prev = GENESIS_HASH
  for (let seq = 1; seq <= count; seq += 1) {
    const fields: ChainedFields = {
      seq, id: `id-${seq}`, at: `2026-11-24T09:00:0${seq}.000Z`, actorUserId: null, actor: 'system', authorityId: null,
      action: 'user.added', recordType: 'user', recordId: `u-${seq}`, outcome: 'done', justification: null, requestId: null, ip: null,
    }
    const hash = chainHash(sha, prev, fields)
    entries.push({ ...fields, prevHash: prev, hash })
    prev = hash
  }
  return entries
}

function verify(entries: ChainedEntry[], head = { lastSeq: 5, lastHash: chain(5).at(-1)?.hash ?? '' }) {
  const checker = new ChainChecker(sha)
  return checker.check(entries) ?? checker.finish(head)
}

test('the canonical text is fixed: field order never varies, and separators cannot be forged', () => {
  const [first] = chain(1)
  assert.ok(first)
  assert.equal(canonicalAuditText('p', first), canonicalAuditText('p', { ...first }))
  assert.notEqual(canonicalAuditText('p', { ...first, actor: 'a","b' }), canonicalAuditText('p', { ...first, actor: 'a', action: 'b' }))
})

test('an untouched chain verifies, page by page', () => {
  const entries = chain(5)
  const checker = new ChainChecker(sha)
  assert.equal(checker.check(entries.slice(0, 2)), null)
  assert.equal(checker.check(entries.slice(2)), null)
  assert.deepEqual(checker.finish({ lastSeq: 5, lastHash: entries[4]?.hash ?? '' }), { ok: true, checked: 5 })
})

test('an edited entry is found where it was edited', () => {
  const entries = chain(5).map((e) => (e.seq === 3 ? { ...e, outcome: 'refused' } : e))
  const verdict = verify(entries)
  assert.equal(verdict.ok, false)
  assert.ok(!verdict.ok && verdict.firstBad.seq === 3 && verdict.firstBad.problem.includes('edited'))
})

test('a deleted, inserted or reordered entry is found', () => {
  const entries = chain(5)
  const [e1, e2, e3, e4, e5] = entries as [ChainedEntry, ChainedEntry, ChainedEntry, ChainedEntry, ChainedEntry]
  const deleted = verify([e1, e2, e4, e5])
  assert.ok(!deleted.ok && deleted.firstBad.seq === 4)
  const reordered = verify([e1, e2, e4, e3, e5])
  assert.ok(!reordered.ok && reordered.firstBad.seq === 4)
  // A forger renumbers to fit, but cannot make the hashes follow without redoing the chain.
  const forged = { ...e3, id: 'forged', prevHash: e2.hash }
  const inserted = verify([e1, e2, forged, { ...e3, seq: 4 }, { ...e4, seq: 5 }, { ...e5, seq: 6 }])
  assert.ok(!inserted.ok && inserted.firstBad.seq === 3)
})

test('entries deleted from the end are found against the recorded head', () => {
  const verdict = verify(chain(4))
  assert.ok(!verdict.ok && verdict.firstBad.seq === 5 && verdict.firstBad.problem.includes('end'))
})
