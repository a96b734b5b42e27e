// One scheduler tick: alerts for cases newly waiting for a decision, reminders and escalations at
// the configured points, an optional daily digest, and retries of failed sends. Exactly once:
// each email's delivery key is inserted with its audit entry in one transaction before anything
// is sent; a scheduler that finds the key already there sends nothing.
import type { BankHolidayCalendar } from '../domain/calendar/index.js'
import { remindersRepository, type AuthorityMailboxes, type NewEmail } from '../data/repositories/reminders.js'
import {
  composeDigest, composeEmail, deliveryKey, recipientsFor, reminderDue, type DueItem, type EmailKind, type RecipientRole,
} from '../domain/reminders/index.js'
import { inTransaction, refuse, systemActor, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { failureCode, type EmailSender } from './email.js'
import { londonDay } from './incident-access.js'
import { whatIsDue, type DueSource } from './reminders-due.js'

export interface ReminderSettings {
  readonly sender: EmailSender
  readonly baseUrl: string
  readonly reminderPoints: readonly number[]
  readonly dailyDigest: boolean
  readonly sources?: readonly DueSource[]
  /** Told of each failed send, with no personal data: the row id, kind and an error code. */
  readonly log?: (details: { emailId: string; kind: EmailKind; attempt: number; error: string; willRetry: boolean }) => void
}

export interface TickResult {
  alertsSent: number
  remindersSent: number
  failed: number
  alreadySent: number
}

/** Attempts before a send is reported as failed; waits of 1, 2, 4 and 8 minutes between them. */
export const SEND_ATTEMPTS = 5
export function retryDelayMs(attempt: number): number {
  return 60_000 * 2 ** (attempt - 1)
}

const ACTOR = systemActor('scheduler')

function addresses(role: RecipientRole, mailboxes: AuthorityMailboxes | undefined): string[] {
  if (!mailboxes) return []
  if (role === 'decision_owner') return [mailboxes.decisionOwnerEmail, ...mailboxes.decisionOwners].filter((a): a is string => Boolean(a))
  if (role === 'partnership') return mailboxes.partnershipEmail ? [mailboxes.partnershipEmail] : []
  return [...mailboxes.businessUnit]
}

function uniqueAddresses(list: readonly string[]): string[] {
  return [...new Set(list.map((a) => a.toLowerCase()))]
}

export function reminderService(deps: ServiceDeps & { readonly calendar: BankHolidayCalendar }, settings: ReminderSettings) {
  const transport = settings.sender.transport

  /** Every email this tick should make sure exists, before the delivery keys decide. */
  function plan(items: readonly DueItem[], mailboxes: Map<string, AuthorityMailboxes>, now: Date): NewEmail[] {
    const today = londonDay(now)
    const planned: NewEmail[] = []
    const caseEmail = (kind: Exclude<EmailKind, 'digest'>, item: DueItem, point: number | null) => {
      const message = composeEmail(kind, item, settings.baseUrl)
      const to = uniqueAddresses(recipientsFor(kind, item).flatMap((role) => addresses(role, mailboxes.get(item.authorityId))))
      for (const recipient of to) {
        planned.push({
          delivery_key: deliveryKey(kind, item, point, recipient), authority_id: item.authorityId, incident_id: item.incidentId, kind, clock_id: item.clockId,
          point, due_date: item.dueDate, recipient, ...message, transport,
        })
      }
    }
    for (const item of items) {
      if (item.alert) caseEmail('alert', item, null)
      const reminder = reminderDue(item, settings.reminderPoints, today, deps.calendar)
      if (reminder) caseEmail(reminder.kind, item, reminder.point)
    }
    if (settings.dailyDigest && deps.calendar.isWorkingDay(today)) planned.push(...digests(items, mailboxes, today.toString()))
    return planned
  }

  function digests(items: readonly DueItem[], mailboxes: Map<string, AuthorityMailboxes>, today: string): NewEmail[] {
    const planned: NewEmail[] = []
    for (const [authorityId, boxes] of mailboxes) {
      const theirs = items.filter((item) => item.authorityId === authorityId)
      if (theirs.length === 0) continue
      const message = composeDigest(theirs, today, settings.baseUrl)
      for (const recipient of uniqueAddresses([...boxes.decisionOwners, ...boxes.businessUnit])) {
        planned.push({
          delivery_key: ['digest', authorityId, today, recipient].join('|'), authority_id: authorityId, incident_id: null, kind: 'digest', clock_id: null,
          point: null, due_date: today, recipient, ...message, transport,
        })
      }
    }
    return planned
  }

  /** Inserts the key and its audit entry together; null when another scheduler got there first. */
  function claim(email: NewEmail): Promise<string | null> {
    return inTransaction(deps, async (work) => {
      const id = await remindersRepository(work.trx).claim(email, work.now.toISOString())
      if (id) await work.audit(ACTOR, { action: 'email.claimed', outcome: `${email.kind} (email ${id})`, authorityId: email.authority_id, recordType: email.incident_id ? 'incident' : 'email', recordId: email.incident_id ?? id })
      return id
    })
  }

  /** Sends a claimed email and records the outcome; true when it was accepted. */
  async function deliver(id: string): Promise<boolean> {
    const row = await remindersRepository(deps.database.db).find(id)
    if (!row) return false
    let error: string | null = null
    try {
      await settings.sender.send({ to: row.recipient, subject: row.subject, body: row.body, reference: row.id })
    } catch (thrown) {
      error = failureCode(thrown)
    }
    await inTransaction(deps, async (work) => {
      const repository = remindersRepository(work.trx)
      const at = work.now.toISOString()
      const about = { authorityId: row.authority_id, recordType: row.incident_id ? 'incident' : 'email', recordId: row.incident_id ?? row.id }
      if (error === null) {
        await repository.markSent(row.id, at)
        await work.audit(ACTOR, { ...about, action: 'email.sent', outcome: `${row.kind} by ${row.transport} (email ${row.id})` })
        return
      }
      const willRetry = row.attempts < SEND_ATTEMPTS
      await repository.markFailed(row.id, at, error, willRetry ? new Date(work.now.getTime() + retryDelayMs(row.attempts)).toISOString() : null)
      await work.audit(ACTOR, { ...about, action: 'email.failed', outcome: `${row.kind}: ${error}, attempt ${row.attempts}${willRetry ? ', will retry' : ', gave up'} (email ${row.id})` })
      settings.log?.({ emailId: row.id, kind: row.kind, attempt: row.attempts, error, willRetry })
    })
    return error === null
  }

  return {
    /** One pass. Safe to run in several processes at once: the delivery keys decide who sends. */
    async tick(): Promise<TickResult> {
      const result: TickResult = { alertsSent: 0, remindersSent: 0, failed: 0, alreadySent: 0 }
      const items = await whatIsDue(deps.database.db, deps.calendar, settings.sources)
      const mailboxes = await remindersRepository(deps.database.db).mailboxes([...new Set(items.map((i) => i.authorityId))])
      const planned = plan(items, mailboxes, deps.now())
      const existing = await remindersRepository(deps.database.db).existingKeys(planned.map((e) => e.delivery_key))
      for (const email of planned) {
        // The key check here only saves work; the claim's unique key is what decides.
        const id = existing.has(email.delivery_key) ? null : await claim(email)
        if (!id) result.alreadySent += 1
        else if (!(await deliver(id))) result.failed += 1
        else if (email.kind === 'alert') result.alertsSent += 1
        else result.remindersSent += 1
      }
      for (const waiting of await remindersRepository(deps.database.db).retriesDue(deps.now().toISOString())) {
        if (!(await remindersRepository(deps.database.db).claimRetry(waiting.id, deps.now().toISOString()))) continue
        if (!(await deliver(waiting.id))) result.failed += 1
        else if (waiting.kind === 'alert') result.alertsSent += 1
        else result.remindersSent += 1
      }
      return result
    },
  }
}

export type ReminderService = ReturnType<typeof reminderService>

export interface OutboxEntry {
  readonly id: string
  readonly kind: EmailKind
  readonly to: string
  readonly subject: string
  readonly body: string
  readonly createdAt: string
  readonly sentAt: string | null
  readonly transport: string
  readonly status: 'sending' | 'retry' | 'sent' | 'failed'
  readonly attempts: number
  readonly lastError: string | null
}

/** The outbox page (outside production): what was, or would have been, sent at this authority. */
export function outboxService(deps: ServiceDeps) {
  return {
    async list(actor: Actor, authorityId: string, limit = 100): Promise<{ ok: true; emails: OutboxEntry[] } | Refusal<'forbidden'>> {
      if (actor.kind === 'user' && !actor.permissions.canIn(authorityId, 'outbox:view')) return refuse('forbidden')
      const rows = await remindersRepository(deps.database.db).list(authorityId, limit)
      return {
        ok: true,
        emails: rows.map((r) => ({
          id: r.id, kind: r.kind, to: r.recipient, subject: r.subject, body: r.body, createdAt: r.created_at, sentAt: r.sent_at, transport: r.transport,
          status: r.status, attempts: r.attempts, lastError: r.last_error,
        })),
      }
    },
  }
}
