// The retention schedule (issue 8, item 7): each authority's periods (defaults and rules in
// src/domain/retention), and the run that deletes or anonymises what has passed them. Each case
// is handled in its own transaction with its own audit event, and each bulk step likewise; the
// events say what kind and how many, never what was removed. A dry run only counts.
import { sha256Hex } from '../data/audit-hash.js'
import { authoritiesRepository } from '../data/repositories/authorities.js'
import { auditRepository, type AnonymiseScope } from '../data/repositories/audit.js'
import { retentionRepository } from '../data/repositories/retention.js'
import { RETENTION_RECORD_TYPES, RETENTION_RULES, defaultPeriods, isRetentionRecordType, periodErrors, periodText, type RetentionPeriods, type RetentionRecordType } from '../domain/retention/index.js'
import { inTransaction, refuse, systemActor, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { invalidErrors, type InvalidErrors } from './incident-access.js'

/** What a run did (or, dry, would do): a count per kind, in the users' words. */
export interface RetentionRunResult {
  readonly dryRun: boolean
  readonly counts: Readonly<Record<string, number>>
}

// Every step of signing in or confirming who you are (password, code, single sign-on).
const SIGN_IN_ACTIONS = ['sign-in.failed', 'sign-in.succeeded', 'sign-in.password-accepted', 'reauthentication.failed', 'reauthentication.succeeded']

/** The case kinds, their statuses and what happens to them. */
const CASE_KINDS: readonly { type: RetentionRecordType; statuses: readonly string[]; neverSubmitted: boolean }[] = [
  { type: 'closed_case', statuses: ['closed'], neverSubmitted: false },
  { type: 'not_notified_case', statuses: ['decided_do_not_notify', 'decided_refer_to_other_authority'], neverSubmitted: false },
  { type: 'draft_incident', statuses: ['draft'], neverSubmitted: true },
]

/**
 * The instant before which records of this type have passed their period, counted back from
 * `now` in calendar days or years (UTC; a day either way does not matter at these lengths).
 */
function cutoff(type: RetentionRecordType, period: number, now: Date): string {
  const at = new Date(now.getTime())
  if (RETENTION_RULES[type].unit === 'years') at.setUTCFullYear(at.getUTCFullYear() - period)
  else at.setUTCDate(at.getUTCDate() - period)
  return at.toISOString()
}

const describe = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts).filter(([, n]) => n > 0).map(([kind, n]) => `${kind.replace(/_/g, ' ')} ${n}`).join('; ') || 'nothing'

export function retentionService(deps: ServiceDeps) {
  const actor = systemActor('retention schedule')

  async function periods(authorityId: string | null): Promise<RetentionPeriods> {
    const stored = authorityId ? await retentionRepository(deps.database.db).periods(authorityId) : {}
    return { ...defaultPeriods(), ...Object.fromEntries(Object.entries(stored).filter(([type]) => isRetentionRecordType(type))) }
  }

  async function handleCases(authorityId: string, p: RetentionPeriods, dryRun: boolean, tally: (kind: string, n: number) => void): Promise<void> {
    for (const kind of CASE_KINDS) {
      const rule = RETENTION_RULES[kind.type]
      const before = cutoff(kind.type, p[kind.type], deps.now())
      const cases = await retentionRepository(deps.database.db).casesUntouchedSince(authorityId, kind.statuses, before, kind.neverSubmitted)
      const label = `${kind.type}_${rule.action === 'delete' ? 'deleted' : 'anonymised'}`
      if (dryRun) { tally(label, cases.length); continue }
      for (const c of cases) {
        await inTransaction(deps, async (work) => {
          const repo = retentionRepository(work.trx)
          // Checked again inside the transaction: someone may have changed the case since.
          const still = (await repo.casesUntouchedSince(authorityId, kind.statuses, before, kind.neverSubmitted)).some((x) => x.id === c.id)
          if (!still) return
          const audited = await auditRepository(work.trx, sha256Hex).anonymiseBefore(work.now.toISOString(), work.now.toISOString(), { recordIds: [c.id, ...c.childIds] })
          const counts = rule.action === 'delete' ? await repo.deleteCase(c.id) : await repo.anonymiseCase(c.id, work.now.toISOString())
          await work.audit(actor, { action: `retention.${kind.type.replace(/_/g, '-')}-${rule.action === 'delete' ? 'deleted' : 'anonymised'}`, outcome: `done: ${describe({ ...counts, audit_entries_anonymised: audited })}`, authorityId, recordType: 'incident', recordId: c.id })
          tally(label, 1)
        })
      }
    }
  }

  /** A bulk step in one transaction with its event; a dry run counts the same rows and writes nothing. */
  async function bulk(kind: string, authorityId: string | null, dryRun: boolean, step: (work: { trx: Parameters<typeof retentionRepository>[0]; at: string }) => Promise<number>, tally: (kind: string, n: number) => void): Promise<void> {
    if (dryRun) {
      tally(kind, await step({ trx: deps.database.db, at: deps.now().toISOString() }))
      return
    }
    await inTransaction(deps, async (work) => {
      const n = await step({ trx: work.trx, at: work.now.toISOString() })
      if (n > 0) await work.audit(actor, { action: 'retention.applied', outcome: `done: ${kind.replace(/_/g, ' ')} ${n}`, authorityId, recordType: 'retention' })
      tally(kind, n)
    })
  }

  function anonymiseAudit(scope: AnonymiseScope, before: string, dryRun: boolean) {
    return ({ trx, at }: { trx: Parameters<typeof retentionRepository>[0]; at: string }) => {
      const trail = auditRepository(trx, sha256Hex)
      return dryRun ? trail.countAnonymisable(before, scope) : trail.anonymiseBefore(before, at, scope)
    }
  }

  return {
    /** The periods in force for an authority (its own, else the defaults); null: the defaults. */
    periods,

    /** Admins change their authority's periods; checked against each rule's range, and audited with the old and new values. */
    async updatePeriods(by: Actor, authorityId: string, input: Readonly<Record<string, unknown>>): Promise<{ ok: true; changed: readonly RetentionRecordType[] } | Refusal<'forbidden'> | InvalidErrors> {
      const errors = periodErrors(input)
      if (Object.keys(errors).length > 0) return invalidErrors(errors)
      const current = await periods(authorityId)
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(by, 'settings:manage', { authorityId, recordType: 'retention-settings' }))) return refuse('forbidden')
        const changed = RETENTION_RECORD_TYPES.filter((type) => Number(String(input[type]).trim()) !== current[type])
        const repo = retentionRepository(work.trx)
        for (const type of changed) await repo.setPeriod(authorityId, type, Number(String(input[type]).trim()), by.kind === 'user' ? by.email : by.name, work.now.toISOString())
        const outcome = changed.map((type) => `${type} ${periodText(type, current[type])} to ${periodText(type, Number(String(input[type]).trim()))}`).join('; ')
        await work.audit(by, { action: 'retention.settings-changed', outcome: `done: ${outcome || 'no change'}`, authorityId, recordType: 'retention-settings' })
        return { ok: true, changed }
      })
    },

    /** One run over every authority (the scheduler's tick and `sin retention run`). */
    async run(options: { dryRun?: boolean } = {}): Promise<RetentionRunResult> {
      const dryRun = options.dryRun ?? false
      const counts: Record<string, number> = {}
      const tally = (kind: string, n: number) => { counts[kind] = (counts[kind] ?? 0) + n }
      const now = deps.now()
      const authorities = await authoritiesRepository(deps.database.db).list()
      const longest: Record<RetentionRecordType, number> = { ...defaultPeriods() }
      for (const authority of authorities) {
        const p = await periods(authority.id)
        for (const type of RETENTION_RECORD_TYPES) longest[type] = Math.max(longest[type], p[type])
        await handleCases(authority.id, p, dryRun, tally)
        await bulk('outbox_email_deleted', authority.id, dryRun, ({ trx }) => retentionRepository(trx).deleteEmailsBefore(authority.id, cutoff('outbox_email', p.outbox_email, now), dryRun), tally)
        await bulk('audit_personal_anonymised', authority.id, dryRun, anonymiseAudit({ authorityId: authority.id, notActions: SIGN_IN_ACTIONS }, cutoff('audit_personal', p.audit_personal, now), dryRun), tally)
      }
      // Service-wide records belong to no one authority: the longest period any authority sets applies.
      await bulk('session_deleted', null, dryRun, ({ trx }) => retentionRepository(trx).deleteSessionsExpiredBefore(cutoff('session', longest.session, now), dryRun), tally)
      await bulk('sign_in_anonymised', null, dryRun, anonymiseAudit({ actions: SIGN_IN_ACTIONS }, cutoff('sign_in', longest.sign_in, now), dryRun), tally)
      await bulk('audit_personal_anonymised', null, dryRun, anonymiseAudit({ authorityId: null, notActions: SIGN_IN_ACTIONS }, cutoff('audit_personal', longest.audit_personal, now), dryRun), tally)
      return { dryRun, counts }
    },
  }
}

export type RetentionService = ReturnType<typeof retentionService>
