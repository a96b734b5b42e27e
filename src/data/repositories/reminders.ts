// The email outbox (exactly-once alerts and reminders) and the few reads the scheduler needs:
// incidents awaiting a decision, and each authority's mailboxes, each in one query per tick.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { EmailOutboxRow, EmailOutboxTable, Schema } from '../schema.js'

export type NewEmail = Pick<EmailOutboxTable, 'delivery_key' | 'authority_id' | 'incident_id' | 'kind' | 'clock_id' | 'point' | 'due_date' | 'recipient' | 'subject' | 'body' | 'transport'>

export interface AwaitingDecisionRow {
  readonly id: string
  readonly authorityId: string
  readonly reference: string
  readonly awareDate: string
}

export interface AuthorityMailboxes {
  readonly decisionOwnerEmail: string | null
  readonly partnershipEmail: string | null
  /** Enabled users with the decision-owner role here. */
  readonly decisionOwners: readonly string[]
  /** Enabled users with the business-unit role here. */
  readonly businessUnit: readonly string[]
}

export function remindersRepository(db: Kysely<Schema>) {
  return {
    /** Incidents in the given statuses with an awareness date: one query, whatever their number. */
    async awaitingDecision(statuses: readonly string[]): Promise<AwaitingDecisionRow[]> {
      const rows = await db
        .selectFrom('incidents')
        .select(['id', 'authority_id', 'reference', 'aware_date'])
        .where('status', 'in', [...statuses])
        .where('aware_date', 'is not', null)
        .orderBy('aware_date')
        .orderBy('reference')
        .execute()
      return rows.map((r) => ({ id: r.id, authorityId: r.authority_id, reference: r.reference, awareDate: r.aware_date ?? '' }))
    },

    /** Each authority's mailboxes: two queries for all of them. */
    async mailboxes(authorityIds: readonly string[]): Promise<Map<string, AuthorityMailboxes>> {
      const result = new Map<string, { decisionOwnerEmail: string | null; partnershipEmail: string | null; decisionOwners: string[]; businessUnit: string[] }>()
      if (authorityIds.length === 0) return result
      const authorities = await db.selectFrom('authorities').select(['id', 'decision_owner_email', 'partnership_email']).where('id', 'in', [...authorityIds]).execute()
      for (const a of authorities) result.set(a.id, { decisionOwnerEmail: a.decision_owner_email, partnershipEmail: a.partnership_email, decisionOwners: [], businessUnit: [] })
      const members = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.authority_id', 'memberships.role', 'users.email'])
        .where('memberships.authority_id', 'in', [...authorityIds])
        .where('memberships.role', 'in', ['decision-owner', 'business-unit'])
        .where('users.disabled_at', 'is', null)
        .orderBy('users.email')
        .execute()
      for (const m of members) {
        const entry = result.get(m.authority_id)
        if (!entry) continue
        ;(m.role === 'decision-owner' ? entry.decisionOwners : entry.businessUnit).push(m.email)
      }
      return result
    },

    /** Which of these keys are already claimed, so a tick opens no transaction for them. */
    async existingKeys(keys: readonly string[]): Promise<Set<string>> {
      const found = new Set<string>()
      for (let start = 0; start < keys.length; start += 500) {
        const rows = await db.selectFrom('email_outbox').select('delivery_key').where('delivery_key', 'in', keys.slice(start, start + 500)).execute()
        for (const row of rows) found.add(row.delivery_key)
      }
      return found
    },

    /** Claims a delivery key: the new row's id, or null when someone already holds the key. */
    async claim(email: NewEmail, now: string): Promise<string | null> {
      const id = randomUUID()
      const inserted = await db
        .insertInto('email_outbox')
        .values({ ...email, id, status: 'sending', attempts: 1, next_attempt_at: null, last_error: null, created_at: now, updated_at: now, sent_at: null })
        .onConflict((oc) => oc.column('delivery_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted?.id ?? null
    },

    /** Takes a waiting retry for this scheduler: only one of several racing schedulers wins it. */
    async claimRetry(id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('email_outbox')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where('status', '=', 'retry')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async retriesDue(now: string): Promise<EmailOutboxRow[]> {
      return db.selectFrom('email_outbox').selectAll().where('status', '=', 'retry').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').execute()
    },

    async find(id: string): Promise<EmailOutboxRow | undefined> {
      return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst()
    },

    async markSent(id: string, now: string): Promise<void> {
      await db.updateTable('email_outbox').set({ status: 'sent', sent_at: now, updated_at: now, last_error: null, next_attempt_at: null }).where('id', '=', id).execute()
    },

    async markFailed(id: string, now: string, error: string, retryAt: string | null): Promise<void> {
      await db
        .updateTable('email_outbox')
        .set({ status: retryAt ? 'retry' : 'failed', next_attempt_at: retryAt, last_error: error, updated_at: now })
        .where('id', '=', id)
        .execute()
    },

    /** The newest first, for the outbox page. */
    async list(authorityId: string, limit: number): Promise<EmailOutboxRow[]> {
      return db.selectFrom('email_outbox').selectAll().where('authority_id', '=', authorityId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()
    },
  }
}
