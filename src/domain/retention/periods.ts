// How long each kind of record is kept, and what happens when the time is up (issue 8, item 7).
// The defaults are in code; each authority's admins may change them (validated, audited). Every
// default says what it rests on; "our reading" marks where no source sets the period for this
// kind of record and the number is our judgement (docs/retention.md explains each).

export const RETENTION_RECORD_TYPES = ['closed_case', 'not_notified_case', 'draft_incident', 'session', 'sign_in', 'outbox_email', 'audit_personal'] as const
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number]

export type RetentionUnit = 'days' | 'years'

export interface RetentionRule {
  readonly label: string
  /** What is done when the period passes, in the users' words. */
  readonly action: 'anonymise' | 'delete'
  readonly what: string
  /** When the period starts. */
  readonly from: string
  readonly unit: RetentionUnit
  readonly defaultPeriod: number
  readonly min: number
  readonly max: number
  /** The source the default rests on, or "our reading". */
  readonly basis: string
  /** Service-wide records (no one authority's): the longest period any authority sets applies. */
  readonly serviceWide: boolean
}

const CHILD_PROTECTION_BASIS =
  'Local authority retention schedules keep child protection records for 35 years after last contact (for example Blackpool Council’s children’s services retention schedule; looked-after children’s records until the 75th birthday). Treating a serious incident case as such a record is our reading. The Independent Inquiry into Child Sexual Abuse asked authorities in 2015 not to destroy records relevant to it: lengthen the period if your schedule or a hold requires.'

export const RETENTION_RULES: Readonly<Record<RetentionRecordType, RetentionRule>> = {
  closed_case: {
    label: 'Closed cases',
    action: 'anonymise',
    what: 'The child’s identifying details and every free-text record on the case (outline, views, reasons, decisions’ rationale, rapid review entries, actions’ descriptions, history comments) are removed; dates, statuses, kinds of harm, the child’s age and looked-after status stay for the statistics. The case’s emails are deleted and its audit entries anonymised.',
    from: 'the last change to the case',
    unit: 'years', defaultPeriod: 35, min: 1, max: 100,
    basis: CHILD_PROTECTION_BASIS,
    serviceWide: false,
  },
  not_notified_case: {
    label: 'Cases decided not to notify, or referred to another authority',
    action: 'anonymise',
    what: 'Anonymised as closed cases are.',
    from: 'the last change to the case',
    unit: 'years', defaultPeriod: 35, min: 1, max: 100,
    basis: CHILD_PROTECTION_BASIS,
    serviceWide: false,
  },
  draft_incident: {
    label: 'Draft incidents never sent for a discussion',
    action: 'delete',
    what: 'Deleted with everything under them.',
    from: 'the last change to the draft',
    unit: 'days', defaultPeriod: 365, min: 30, max: 3650,
    basis: 'Our reading: no decision rests on a draft that was never sent, so keeping it longer than a year would not meet the storage limitation principle (UK GDPR Article 5(1)(e)).',
    serviceWide: false,
  },
  session: {
    label: 'Signed-in sessions',
    action: 'delete',
    what: 'Deleted.',
    from: 'the session’s expiry',
    unit: 'days', defaultPeriod: 30, min: 1, max: 365,
    basis: 'Our reading: an expired session cannot be used; a month is long enough to look into misuse reported late.',
    serviceWide: true,
  },
  sign_in: {
    label: 'Sign-in attempts in the audit trail',
    action: 'anonymise',
    what: 'Who tried and from which IP address are removed; the attempt, its time and outcome stay (the chain still verifies).',
    from: 'the attempt',
    unit: 'days', defaultPeriod: 365, min: 30, max: 3650,
    basis: 'Our reading: a year of sign-in history is enough to investigate misuse of an account (ASVS 5.0 chapter 16 asks that security logs be kept and protected, not for how long).',
    serviceWide: true,
  },
  outbox_email: {
    label: 'Alert and reminder emails',
    action: 'delete',
    what: 'Sent and failed emails are deleted (the case’s history still says what was done).',
    from: 'the email being written',
    unit: 'days', defaultPeriod: 365, min: 30, max: 3650,
    basis: 'Our reading: the emails repeat what the case holds; a year covers questions about whether a reminder went.',
    serviceWide: false,
  },
  audit_personal: {
    label: 'Who did what, in the audit trail',
    action: 'anonymise',
    what: 'Who acted, their IP address and the justification they gave are removed; what was done, to which record and when stay, and the chain still verifies.',
    from: 'the entry',
    unit: 'years', defaultPeriod: 7, min: 1, max: 100,
    basis: 'Our reading: six years, the usual time limit for claims (Limitation Act 1980 s2), plus one, so a complaint about who saw a child’s record can still be answered.',
    serviceWide: false,
  },
}

export type RetentionPeriods = Readonly<Record<RetentionRecordType, number>>

export function defaultPeriods(): RetentionPeriods {
  return Object.fromEntries(RETENTION_RECORD_TYPES.map((t) => [t, RETENTION_RULES[t].defaultPeriod])) as Record<RetentionRecordType, number>
}

export function isRetentionRecordType(value: unknown): value is RetentionRecordType {
  return typeof value === 'string' && (RETENTION_RECORD_TYPES as readonly string[]).includes(value)
}

/** The period in words: "35 years", "1 day". */
export function periodText(type: RetentionRecordType, period: number): string {
  const unit = RETENTION_RULES[type].unit
  return `${period.toLocaleString('en-GB')} ${period === 1 ? unit.slice(0, -1) : unit}`
}

/** Field errors for a proposed set of periods, in the users' words; empty when all are valid. */
export function periodErrors(input: Readonly<Record<string, unknown>>): Partial<Record<RetentionRecordType, string>> {
  const errors: Partial<Record<RetentionRecordType, string>> = {}
  for (const type of RETENTION_RECORD_TYPES) {
    const rule = RETENTION_RULES[type]
    const raw = input[type]
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : ''
    const range = `between ${rule.min.toLocaleString('en-GB')} and ${rule.max.toLocaleString('en-GB')} ${rule.unit}`
    if (text === '') errors[type] = `Enter how many ${rule.unit} to keep ${rule.label.toLowerCase()}`
    else if (!/^\d+$/.test(text)) errors[type] = `${rule.label} must be a whole number of ${rule.unit}`
    else if (Number(text) < rule.min || Number(text) > rule.max) errors[type] = `${rule.label} must be kept for ${range}`
  }
  return errors
}
