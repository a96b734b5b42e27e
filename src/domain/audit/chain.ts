// The audit trail's hash chain, as pure rules (the hashing itself is passed in, because the
// domain does no I/O and node:crypto lives outside it). Each entry's hash covers the previous
// entry's hash and every field of the entry, including its sequence number, so an edited,
// deleted, inserted or reordered entry breaks the chain at that point (docs/data.md).
//
// Personal fields (who acted, their IP address, a justification's words) must be anonymised when
// their retention period passes (docs/retention.md), without breaking the chain. So entries
// written since migration 0010 hash a salted digest of those fields instead of the fields: the
// digest stays in the chain, the fields and the salt can be erased, and while they are present
// verification recomputes the digest, so editing them is still found. Older entries (no digest)
// hash the fields themselves, as before.

export const GENESIS_HASH = '0'.repeat(64)

/** The fields an audit entry's hash covers, in this order. */
export interface ChainedFields {
  readonly seq: number
  readonly id: string
  readonly at: string
  readonly actorUserId: string | null
  readonly actor: string
  readonly authorityId: string | null
  readonly action: string
  readonly recordType: string | null
  readonly recordId: string | null
  readonly outcome: string
  readonly justification: string | null
  readonly requestId: string | null
  readonly ip: string | null
  /** The salted digest of actor, justification and ip; null or absent on entries written before it existed. */
  readonly personalDigest?: string | null
}

export interface ChainedEntry extends ChainedFields {
  readonly prevHash: string
  readonly hash: string
  /** The digest's salt, erased with the personal fields. */
  readonly personalSalt?: string | null
  /** When the personal fields were erased under the retention schedule. */
  readonly anonymisedAt?: string | null
}

/** What an anonymised entry says in place of who acted. */
export const ANONYMISED_ACTOR = 'anonymised'

/** The digest of an entry's personal fields; the random salt stops anyone guessing them back from it. */
export function personalDigest(hashText: HashText, salt: string, fields: Pick<ChainedFields, 'actor' | 'justification' | 'ip'>): string {
  return hashText(JSON.stringify([salt, fields.actor, fields.justification, fields.ip]))
}

export type HashText = (text: string) => string

/**
 * The text hashed for an entry: a JSON array of the previous hash and the fields in a fixed
 * order. An array (not an object) so that key order can never vary, and JSON so that no field's
 * contents can imitate a separator.
 */
export function canonicalAuditText(prevHash: string, fields: ChainedFields): string {
  if (fields.personalDigest) {
    return JSON.stringify(['v2', prevHash, fields.seq, fields.id, fields.at, fields.actorUserId, fields.personalDigest, fields.authorityId, fields.action, fields.recordType, fields.recordId, fields.outcome, fields.requestId])
  }
  return JSON.stringify([
    prevHash,
    fields.seq,
    fields.id,
    fields.at,
    fields.actorUserId,
    fields.actor,
    fields.authorityId,
    fields.action,
    fields.recordType,
    fields.recordId,
    fields.outcome,
    fields.justification,
    fields.requestId,
    fields.ip,
  ])
}

export function chainHash(hashText: HashText, prevHash: string, fields: ChainedFields): string {
  return hashText(canonicalAuditText(prevHash, fields))
}

export type ChainProblem =
  | 'out of sequence (an entry was deleted, inserted or reordered)'
  | 'does not follow the entry before it (an entry was deleted, inserted or reordered)'
  | 'its contents do not match its hash (the entry was edited)'
  | 'the chain ends before its recorded head (entries were deleted from the end)'
  | 'the chain continues past its recorded head'

export type ChainVerdict =
  | { readonly ok: true; readonly checked: number }
  | { readonly ok: false; readonly checked: number; readonly firstBad: { readonly seq: number; readonly id: string; readonly problem: ChainProblem } }

/**
 * Checks entries fed in chain order, a page at a time, so a long trail is never held in memory.
 * `check` answers the first problem found; later pages are not needed once one is.
 */
export class ChainChecker {
  private expectedSeq = 1
  private prevHash = GENESIS_HASH
  private checked = 0
  private lastId = ''

  constructor(private readonly hashText: HashText) {}

  check(entries: readonly ChainedEntry[]): ChainVerdict | null {
    for (const entry of entries) {
      const bad = this.problemWith(entry)
      if (bad) return { ok: false, checked: this.checked, firstBad: { seq: entry.seq, id: entry.id, problem: bad } }
      this.checked += 1
      this.expectedSeq = entry.seq + 1
      this.prevHash = entry.hash
      this.lastId = entry.id
    }
    return null
  }

  /** After the last page: compares the end of the chain with its recorded head. */
  finish(head: { readonly lastSeq: number; readonly lastHash: string }): ChainVerdict {
    const lastSeq = this.expectedSeq - 1
    if (lastSeq < head.lastSeq) {
      return { ok: false, checked: this.checked, firstBad: { seq: lastSeq + 1, id: '(missing)', problem: 'the chain ends before its recorded head (entries were deleted from the end)' } }
    }
    if (lastSeq > head.lastSeq || this.prevHash !== head.lastHash) {
      return { ok: false, checked: this.checked, firstBad: { seq: lastSeq, id: this.lastId, problem: 'the chain continues past its recorded head' } }
    }
    return { ok: true, checked: this.checked }
  }

  private problemWith(entry: ChainedEntry): ChainProblem | null {
    if (entry.seq !== this.expectedSeq) return 'out of sequence (an entry was deleted, inserted or reordered)'
    if (entry.prevHash !== this.prevHash) return 'does not follow the entry before it (an entry was deleted, inserted or reordered)'
    if (chainHash(this.hashText, entry.prevHash, entry) !== entry.hash) return 'its contents do not match its hash (the entry was edited)'
    if (entry.personalDigest && !this.personalFieldsHold(entry)) return 'its contents do not match its hash (the entry was edited)'
    return null
  }

  /** Present personal fields must match their digest; anonymised ones must be blank, not rewritten. */
  private personalFieldsHold(entry: ChainedEntry): boolean {
    if (entry.anonymisedAt) return entry.actor === ANONYMISED_ACTOR && entry.justification === null && entry.ip === null && !entry.personalSalt
    return !!entry.personalSalt && personalDigest(this.hashText, entry.personalSalt, entry) === entry.personalDigest
  }
}
