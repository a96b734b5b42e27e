// The audit trail as the rest of the service sees it: record an event (views, refusals,
// exports), the auditors' filtered query, and verification of the whole hash chain.
import { sha256Hex } from '../data/audit-hash.js'
import type { Database } from '../data/db.js'
import { auditRepository, type AuditFilters } from '../data/repositories/audit.js'
import { ChainChecker, type ChainedEntry, type ChainVerdict } from '../domain/audit/chain.js'
import { inTransaction, refuse, type Actor, type AuditEvent, type Refusal, type ServiceDeps } from './context.js'

export type AuditEntry = Omit<ChainedEntry, 'prevHash' | 'hash'>

/** The auditors' filters (their authority is implied) and the page wanted. */
export interface AuditQuery extends Omit<AuditFilters, 'authorityId'> {
  /** 1-based. */
  readonly page?: number
  readonly pageSize?: number
}

export interface AuditPage {
  readonly ok: true
  readonly entries: readonly AuditEntry[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly pages: number
}

const MAX_PAGE_SIZE = 100
const VERIFY_PAGE_SIZE = 1000

/**
 * Walks the chain a page at a time and compares its end with the recorded head, all in one
 * snapshot (so entries appended meanwhile are neither half-seen nor mistaken for forgeries).
 */
export function verifyAuditChain(database: Database): Promise<ChainVerdict> {
  let transaction = database.db.transaction()
  if (database.dialect === 'postgres') transaction = transaction.setIsolationLevel('repeatable read')
  return transaction.execute(async (trx) => {
    const trail = auditRepository(trx, sha256Hex)
    const head = await trail.head()
    const checker = new ChainChecker(sha256Hex)
    for (let after = 0; ; ) {
      const page = await trail.pageAfter(after, VERIFY_PAGE_SIZE)
      const verdict = checker.check(page)
      if (verdict) return verdict
      const last = page.at(-1)
      if (!last) return checker.finish(head)
      after = last.seq
    }
  })
}

export function auditService(deps: ServiceDeps) {
  const trail = auditRepository(deps.database.db, sha256Hex)
  return {
    /**
     * Records an event that changes nothing else (a record viewed, access refused, an export).
     * A change's own entry is written by its service, inside the change's transaction.
     */
    record(actor: Actor, event: AuditEvent): Promise<void> {
      return inTransaction(deps, ({ audit }) => audit(actor, event))
    },

    /** Auditors see their current authority's trail, newest first. */
    async query(actor: Actor, authorityId: string, query: AuditQuery = {}): Promise<AuditPage | Refusal<'forbidden'>> {
      if (actor.kind !== 'system' && !actor.permissions.canIn(authorityId, 'audit:view')) {
        await inTransaction(deps, ({ audit }) => audit(actor, { action: 'access.refused', outcome: 'refused: audit:view', authorityId, recordType: 'audit-trail' }))
        return refuse('forbidden')
      }
      const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize ?? 50)), MAX_PAGE_SIZE)
      const page = Math.max(1, Math.trunc(query.page ?? 1))
      const filters: AuditFilters = { ...query, authorityId }
      const { entries, total } = await trail.query(filters, pageSize, (page - 1) * pageSize)
      await inTransaction(deps, ({ audit }) => audit(actor, { action: 'audit.viewed', outcome: 'done', authorityId, recordType: 'audit-trail' }))
      return { ok: true, entries: entries.map(({ prevHash: _p, hash: _h, ...entry }) => entry), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) }
    },

    verify: (): Promise<ChainVerdict> => verifyAuditChain(deps.database),
  }
}
