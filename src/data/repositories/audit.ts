// The audit trail's storage: appending a chained entry, reading the chain in order, and the
// auditors' filtered query. The hashing is passed in (see src/data/audit-hash.ts).
import { sql, type Kysely } from 'kysely'
import { randomSalt } from '../audit-hash.js'
import { ANONYMISED_ACTOR, chainHash, personalDigest, type ChainedEntry, type ChainedFields, type HashText } from '../../domain/audit/chain.js'
import type { AuditEntryRow, Schema } from '../schema.js'

export type AuditFields = Omit<ChainedFields, 'seq' | 'personalDigest'>

export interface AuditFilters {
  /** Only this authority's entries (an auditor sees their own authority's trail). */
  readonly authorityId?: string
  /** Inclusive instants, ISO-8601 UTC. */
  readonly from?: string
  readonly to?: string
  readonly actor?: string
  readonly action?: string
  readonly recordType?: string
  readonly recordId?: string
}

export interface AnonymiseScope {
  readonly actions?: readonly string[]
  readonly notActions?: readonly string[]
  readonly recordIds?: readonly string[]
  /** One authority's entries; null: entries of no authority (sign-ins, service-wide events). */
  readonly authorityId?: string | null
}

export function toChainedEntry(row: AuditEntryRow): ChainedEntry {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actorUserId: row.actor_user_id,
    actor: row.actor,
    authorityId: row.authority_id,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    outcome: row.outcome,
    justification: row.justification,
    requestId: row.request_id,
    ip: row.ip,
    personalDigest: row.personal_digest,
    personalSalt: row.personal_salt,
    anonymisedAt: row.anonymised_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

export function auditRepository(db: Kysely<Schema>, hashText: HashText) {
  return {
    /**
     * Appends one entry. Must run inside the transaction that makes the change it records.
     * The first statement moves the chain head on, which locks its row until commit: appends
     * from several processes therefore take their turn (PostgreSQL row lock; SQLite write lock).
     */
    async append(fields: AuditFields): Promise<ChainedEntry> {
      const head = await db
        .updateTable('audit_chain_head')
        .set({ last_seq: sql`last_seq + 1` })
        .where('id', '=', 1)
        .returning(['last_seq', 'last_hash'])
        .executeTakeFirstOrThrow()
      const salt = randomSalt()
      const entry: ChainedFields = { ...fields, seq: Number(head.last_seq), personalDigest: personalDigest(hashText, salt, fields) }
      const hash = chainHash(hashText, head.last_hash, entry)
      await db
        .insertInto('audit_entries')
        .values({
          seq: entry.seq,
          id: entry.id,
          at: entry.at,
          actor_user_id: entry.actorUserId,
          actor: entry.actor,
          authority_id: entry.authorityId,
          action: entry.action,
          record_type: entry.recordType,
          record_id: entry.recordId,
          outcome: entry.outcome,
          justification: entry.justification,
          request_id: entry.requestId,
          ip: entry.ip,
          personal_digest: entry.personalDigest ?? null,
          personal_salt: salt,
          prev_hash: head.last_hash,
          hash,
        })
        .execute()
      await db.updateTable('audit_chain_head').set({ last_hash: hash }).where('id', '=', 1).execute()
      return { ...entry, personalSalt: salt, prevHash: head.last_hash, hash }
    },

    /**
     * Erases the personal fields (who, IP, justification) of entries at or before `before` that
     * carry a digest and are not yet anonymised; the digest keeps the chain whole. `where` narrows
     * it (sign-ins only, one case's entries). Answers how many.
     */
    async anonymiseBefore(before: string, at: string, where: AnonymiseScope = {}): Promise<number> {
      let query = db.updateTable('audit_entries')
        .set({ actor: ANONYMISED_ACTOR, justification: null, ip: null, personal_salt: null, anonymised_at: at })
        .where('at', '<=', before).where('personal_digest', 'is not', null).where('anonymised_at', 'is', null)
      if (where.actions) query = query.where('action', 'in', where.actions)
      if (where.notActions) query = query.where('action', 'not in', where.notActions)
      if (where.recordIds) query = query.where('record_id', 'in', where.recordIds)
      if (where.authorityId !== undefined) query = where.authorityId === null ? query.where('authority_id', 'is', null) : query.where('authority_id', '=', where.authorityId)
      const result = await query.executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    /** How many entries anonymiseBefore would change (the dry run). */
    async countAnonymisable(before: string, where: AnonymiseScope = {}): Promise<number> {
      let query = db.selectFrom('audit_entries').select((eb) => eb.fn.countAll().as('n'))
        .where('at', '<=', before).where('personal_digest', 'is not', null).where('anonymised_at', 'is', null)
      if (where.actions) query = query.where('action', 'in', where.actions)
      if (where.notActions) query = query.where('action', 'not in', where.notActions)
      if (where.recordIds) query = query.where('record_id', 'in', where.recordIds)
      if (where.authorityId !== undefined) query = where.authorityId === null ? query.where('authority_id', 'is', null) : query.where('authority_id', '=', where.authorityId)
      return Number((await query.executeTakeFirstOrThrow()).n)
    },

    async head(): Promise<{ lastSeq: number; lastHash: string }> {
      const row = await db.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow()
      return { lastSeq: Number(row.last_seq), lastHash: row.last_hash }
    },

    /** Up to `limit` entries after `afterSeq`, in chain order (keyset paging: no OFFSET). */
    async pageAfter(afterSeq: number, limit: number): Promise<ChainedEntry[]> {
      const rows = await db.selectFrom('audit_entries').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
      return rows.map(toChainedEntry)
    },

    /** Newest first, with the total for the pager. */
    async query(filters: AuditFilters, limit: number, offset: number): Promise<{ entries: ChainedEntry[]; total: number }> {
      let query = db.selectFrom('audit_entries')
      const authorityId = filters.authorityId
      if (authorityId !== undefined) {
        // Sign-ins and sign-outs belong to no one authority (a partner serves several), so they
        // carry none; an authority's auditor still sees those of its own members.
        const members = db.selectFrom('memberships').select('user_id').where('authority_id', '=', authorityId)
        query = query.where((eb) =>
          eb.or([
            eb('authority_id', '=', authorityId),
            eb.and([eb('authority_id', 'is', null), eb.or([eb('actor_user_id', 'in', members), eb.and([eb('record_type', '=', 'user'), eb('record_id', 'in', members)])])]),
          ]),
        )
      }
      if (filters.from !== undefined) query = query.where('at', '>=', filters.from)
      if (filters.to !== undefined) query = query.where('at', '<=', filters.to)
      if (filters.actor !== undefined) {
        // lower() on both sides: SQLite's LIKE ignores case and PostgreSQL's does not.
        const pattern = `%${escapeLike(filters.actor.toLowerCase())}%`
        query = query.where(sql<boolean>`lower(actor) like ${pattern} escape '\\'`)
      }
      if (filters.action !== undefined) query = query.where('action', '=', filters.action)
      if (filters.recordType !== undefined) query = query.where('record_type', '=', filters.recordType)
      if (filters.recordId !== undefined) query = query.where('record_id', '=', filters.recordId)
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ])
      return { entries: rows.map(toChainedEntry), total: Number(count.n) }
    },
  }
}

/** LIKE treats % and _ as wildcards; a search for them means the characters themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
