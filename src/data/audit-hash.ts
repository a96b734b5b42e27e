// SHA-256 for the audit chain and the session keys: the one place node:crypto hashing is used.
import { createHash, randomBytes } from 'node:crypto'

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A fresh salt for an audit entry's personal-field digest (src/domain/audit/chain.ts). */
export function randomSalt(): string {
  return randomBytes(16).toString('hex')
}
