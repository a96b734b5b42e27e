// Group commit for view entries ('record.viewed', 'report.viewed', 'audit.viewed'). Every page that
// shows a case or the reports writes one, and each was a durable commit of its own (an fsync with
// SQLite's synchronous = FULL), which capped how many pages a process could serve
// (docs/performance.md). Views recorded while a batch is waiting go
// into one transaction together. The request still waits until its entry is committed, so no case
// is shown without its view on the trail.
import { sha256Hex } from '../data/audit-hash.js'
import type { Database } from '../data/db.js'
import { auditRepository, type AuditFields } from '../data/repositories/audit.js'

interface Waiting {
  readonly fields: AuditFields
  resolve(): void
  reject(error: unknown): void
}

const waitingIn = new WeakMap<Database, Waiting[]>()

async function commitBatch(database: Database, batch: readonly Waiting[]): Promise<void> {
  try {
    await database.db.transaction().execute(async (trx) => {
      const trail = auditRepository(trx, sha256Hex)
      for (const entry of batch) await trail.append(entry.fields)
    })
    for (const entry of batch) entry.resolve()
  } catch (error) {
    for (const entry of batch) entry.reject(error)
  }
}

/**
 * Queues the entry for the next batch and answers when it is committed. Call it after the
 * transaction that read the case has finished: the batch needs the connection that one holds.
 */
export function recordView(database: Database, fields: AuditFields): Promise<void> {
  return new Promise((resolve, reject) => {
    const waiting = waitingIn.get(database)
    if (waiting) {
      waiting.push({ fields, resolve, reject })
      return
    }
    const batch: Waiting[] = [{ fields, resolve, reject }]
    waitingIn.set(database, batch)
    // After the requests already under way have reached this point too.
    setImmediate(() => {
      waitingIn.delete(database)
      void commitBatch(database, batch)
    })
  })
}
