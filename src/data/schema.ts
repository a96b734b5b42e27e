// The tables as Kysely sees them. Portable across SQLite and PostgreSQL (docs/data.md):
// ids are text UUIDs, instants ISO-8601 UTC text, booleans integer 0/1, JSON text.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** An instant: ISO-8601 UTC text such as 2026-11-24T09:30:00.000Z (sorts correctly as text). */
export type Instant = string

export interface AuthoritiesTable {
  id: string
  code: string
  name: string
  decision_owner_title: string
  decision_owner_name: string | null
  decision_owner_email: string | null
  decision_owner_phone: string | null
  partnership_name: string | null
  partnership_email: string | null
  created_at: Instant
  updated_at: Instant
  version: number
}

export type PartnerKind = 'police' | 'health'

export interface PartnerOrganisationsTable {
  id: string
  kind: PartnerKind
  name: string
  created_at: Instant
}

export interface AuthorityPartnersTable {
  authority_id: string
  partner_organisation_id: string
  /** Repeated from the partner organisation so that "one police force and one ICB" is a unique key. */
  kind: PartnerKind
}

export interface UsersTable {
  id: string
  /** Always lower-cased. */
  email: string
  name: string
  password_hash: string
  disabled_at: Instant | null
  failed_sign_ins: Generated<number>
  locked_until: Instant | null
  partner_organisation_id: string | null
  created_at: Instant
  updated_at: Instant
  version: Generated<number>
}

export interface MembershipsTable {
  user_id: string
  authority_id: string
  role: string
  created_at: Instant
}

export interface SessionsTable {
  /** The SHA-256 (hex) of the session id, so a copy of the table cannot be used to sign in. */
  id: string
  user_id: string | null
  /** The session's contents as JSON text. */
  data: string
  created_at: Instant
  last_seen_at: Instant
  expires_at: Instant
  /** A coarse description of the browser, such as "Firefox on Windows" (0011); null when unknown. */
  browser: string | null
}

export interface AuditEntriesTable {
  /** 1, 2, 3… in chain order; part of the hash, so reordering is detected. */
  seq: ColumnType<number, number, never>
  id: string
  at: Instant
  actor_user_id: string | null
  /** The acting user's email, or 'system', or 'unknown account' for a failed sign-in. */
  actor: string
  authority_id: string | null
  action: string
  record_type: string | null
  record_id: string | null
  outcome: string
  justification: string | null
  request_id: string | null
  ip: string | null
  /** Salted digest of actor, justification and ip (chained instead of them; migration 0010). */
  personal_digest: ColumnType<string | null, string | null | undefined, never>
  personal_salt: ColumnType<string | null, string | null | undefined, string | null>
  anonymised_at: ColumnType<string | null, string | null | undefined, string | null>
  prev_hash: string
  hash: string
}

/** One row: the last link of the audit chain. Appends lock it, so they happen one at a time. */
export interface AuditChainHeadTable {
  id: number
  last_seq: number
  last_hash: string
}

// Incidents (issue 4): the sections and each child's details are JSON text, checked by the domain
// on the way in and read back into domain types; aware_date is repeated as a column for worklists.
export interface IncidentsTable {
  id: string
  authority_id: string
  /** Human-friendly and unique per authority, e.g. COV-2026-0007; never a name. */
  reference: string
  status: string
  version: Generated<number>
  aware_date: string | null
  awareness: string
  incident: string
  abuse: string
  safeguarding: string
  notification_grouping: string | null
  raised_by_partner_id: string | null
  created_by: string | null
  created_at: Instant
  updated_at: Instant
  /** When the retention schedule anonymised the case (migration 0010); null while whole. */
  anonymised_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>
}

export interface IncidentReferenceCountersTable {
  authority_id: string
  year: number
  last_number: number
}

export interface IncidentChildrenTable {
  id: string
  incident_id: string
  position: number
  details: string
  created_at: Instant
  updated_at: Instant
}

/** The lifecycle history: every transition, with its comment (the audit trail never holds contents). */
export interface IncidentEventsTable {
  id: string
  incident_id: string
  /** 1, 2, 3… per incident: several events can share an instant. */
  seq: number
  action: string
  from_status: string | null
  to_status: string
  comment: string | null
  actor_user_id: string | null
  actor: string
  at: Instant
}

export interface PartnerViewRequestsTable {
  id: string
  incident_id: string
  partner_organisation_id: string
  kind: PartnerKind
  comment: string | null
  requested_by: string
  requested_at: Instant
}

export interface PartnerViewsTable {
  id: string
  incident_id: string
  /** 'authority' is the decision owner's own working view. */
  kind: 'authority' | PartnerKind
  partner_organisation_id: string | null
  view: 'notify' | 'do_not_notify' | 'unsure'
  reasons: string
  recorded_by: string
  recorded_at: Instant
}

/** Immutable: never updated; a revisit adds a row. */
export interface DecisionsTable {
  id: string
  incident_id: string
  decision: 'notify' | 'do_not_notify' | 'refer_to_other_authority'
  rationale: string
  departs_from_engine: number
  departure_reason: string | null
  judgements: string
  partners_consulted: string
  /** The engine's outcome at decision time (JSON), so reports can show departures later. */
  engine_outcome: string
  /** The record as it was when decided (JSON). */
  facts: string
  decided_by: string
  decided_at: Instant
}

export interface OtherAuthorityLiaisonsTable {
  id: string
  incident_id: string
  other_authority: string
  contact: string
  contacted_on: string
  agreed: string
  recorded_by: string
  recorded_at: Instant
}

/** Every alert, reminder, escalation and digest: the delivery key makes each one exactly-once. */
export interface EmailOutboxTable {
  id: string
  /** Unique: kind | incident | clock | point | due date | recipient. */
  delivery_key: string
  authority_id: string
  incident_id: string | null
  kind: 'alert' | 'reminder' | 'due_today' | 'overdue' | 'digest'
  clock_id: string | null
  point: number | null
  due_date: string | null
  /** A work mailbox: the decision owner, the partnership or a user. */
  recipient: string
  subject: string
  body: string
  transport: 'outbox' | 'smtp' | 'notify'
  /** sending: claimed by one scheduler; retry: waiting for next_attempt_at; failed: gave up. */
  status: 'sending' | 'retry' | 'sent' | 'failed'
  attempts: number
  next_attempt_at: Instant | null
  /** What went wrong, as an error code only (never the message, which may echo an address). */
  last_error: string | null
  created_at: Instant
  updated_at: Instant
  sent_at: Instant | null
}

/** A case's progress after the decision to notify (issue 5); the JSON parts are typed in domain/after-decision/progress.ts. */
export interface CaseProgressTable {
  incident_id: string
  authority_id: string
  notifications: string
  partners_informed_on: string | null
  rapid_review: string | null
  practice_review: string | null
  extensions: string
  updated_at: Instant
}

export interface RapidReviewEntriesTable {
  id: string
  incident_id: string
  kind: 'request' | 'meeting' | 'safeguarding_action' | 'agency_information' | 'sign_off'
  /** authority, police or health; null for entries not owned by one agency (meetings). */
  agency: string | null
  details: string
  recorded_by: string
  recorded_at: Instant
  updated_at: Instant
}

export interface LearningActionsTable {
  id: string
  incident_id: string
  /** The case's authority, kept here so a worklist finds open actions without reading every case (migration 0012). */
  authority_id: string
  source: 'rapid_review' | 'practice_review'
  description: string
  /** JSON array: one agency (single-agency) or several (multi-agency). */
  agencies: string
  owner_agency: string
  owner_person: string
  due_on: string
  status: 'open' | 'in_progress' | 'complete'
  evidence: string | null
  completed_on: string | null
  created_at: Instant
  updated_at: Instant
}

/** A spreadsheet being imported: its header and rows (JSON), the chosen columns, and when it was imported. */
export interface CaseImportUploadsTable {
  id: string
  authority_id: string
  uploaded_by: string
  filename: string
  /** JSON array of the header row's names. */
  columns: string
  /** JSON array of rows, each an array of cell texts; emptied once imported. */
  rows: string
  /** JSON object: service field -> column index. */
  mapping: string | null
  created_at: Instant
  imported_at: Instant | null
}

/** A case created by an import, with the tracker's own reference (unique per authority). */
export interface ImportedCasesTable {
  authority_id: string
  source_reference: string
  incident_id: string
  upload_id: string
  created_at: Instant
}

/** An authority's retention period for one kind of record (migration 0010); defaults live in src/domain/retention. */
export interface RetentionSettingsTable {
  authority_id: string
  record_type: string
  /** In the record type's unit (days or years). */
  period: number
  updated_by: string
  updated_at: Instant
}

export interface Schema {
  authorities: AuthoritiesTable
  partner_organisations: PartnerOrganisationsTable
  authority_partners: AuthorityPartnersTable
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  audit_entries: AuditEntriesTable
  audit_chain_head: AuditChainHeadTable
  incidents: IncidentsTable
  incident_reference_counters: IncidentReferenceCountersTable
  incident_children: IncidentChildrenTable
  incident_events: IncidentEventsTable
  partner_view_requests: PartnerViewRequestsTable
  partner_views: PartnerViewsTable
  decisions: DecisionsTable
  other_authority_liaisons: OtherAuthorityLiaisonsTable
  case_progress: CaseProgressTable
  rapid_review_entries: RapidReviewEntriesTable
  learning_actions: LearningActionsTable
  email_outbox: EmailOutboxTable
  api_tokens: ApiTokensTable
  webhook_endpoints: WebhookEndpointsTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
  user_identities: UserIdentitiesTable
  user_totp: UserTotpTable
  user_recovery_codes: UserRecoveryCodesTable
  case_import_uploads: CaseImportUploadsTable
  imported_cases: ImportedCasesTable
  retention_settings: RetentionSettingsTable
}

export type AuthorityRow = Selectable<AuthoritiesTable>
export type NewAuthorityRow = Insertable<AuthoritiesTable>
export type AuthorityRowUpdate = Updateable<AuthoritiesTable>
export type PartnerOrganisationRow = Selectable<PartnerOrganisationsTable>
export type UserRow = Selectable<UsersTable>
export type NewUserRow = Insertable<UsersTable>
export type MembershipRow = Selectable<MembershipsTable>
export type SessionRow = Selectable<SessionsTable>
export type AuditEntryRow = Selectable<AuditEntriesTable>
export type NewAuditEntryRow = Insertable<AuditEntriesTable>
export type IncidentRow = Selectable<IncidentsTable>
export type IncidentChildRow = Selectable<IncidentChildrenTable>
export type IncidentEventRow = Selectable<IncidentEventsTable>
export type PartnerViewRequestRow = Selectable<PartnerViewRequestsTable>
export type PartnerViewRow = Selectable<PartnerViewsTable>
export type DecisionRow = Selectable<DecisionsTable>
export type OtherAuthorityLiaisonRow = Selectable<OtherAuthorityLiaisonsTable>
export type EmailOutboxRow = Selectable<EmailOutboxTable>

/** An API bearer token (issue 7): only its SHA-256 hash is stored. */
export interface ApiTokensTable {
  id: string
  authority_id: string
  name: string
  /** 'read' or 'read,write'. */
  scopes: string
  token_hash: string
  /** Who created it: a user's email, or "command line". */
  created_by: string
  created_at: string
  expires_at: string | null
  revoked_at: string | null
  revoked_by: string | null
  last_used_at: string | null
}
export type ApiTokenRow = Selectable<ApiTokensTable>
// Webhooks (issue 7 item 2; docs/webhooks.md).
export interface WebhookEndpointsTable {
  id: string
  authority_id: string
  url: string
  /** The signing secret, shown to the admin once; kept so deliveries can be signed. */
  secret: string
  /** Comma-separated event types. */
  events: string
  disabled_at: string | null
  audit_cursor: number
  /** Added or last enabled: overdue clocks from before then are not sent. */
  listening_since: Instant
  created_at: Instant
  updated_at: Instant
}

export interface WebhookDeliveriesTable {
  id: string
  endpoint_id: string
  event_id: string
  event_type: string
  payload: string
  status: 'pending' | 'sending' | 'retry' | 'delivered' | 'failed'
  attempts: number
  next_attempt_at: string
  created_at: Instant
  updated_at: Instant
}

export interface WebhookAttemptsTable {
  id: string
  delivery_id: string
  endpoint_id: string
  attempt: number
  at: string
  status_code: number | null
  duration_ms: number
  error: string | null
}

/** A user's identity at an OpenID provider (single sign-on): matched on issuer and subject. */
export interface UserIdentitiesTable {
  id: string
  user_id: string
  issuer: string
  subject: string
  created_at: Instant
}

/** A user's authenticator app: the base32 TOTP secret and the last time-step accepted. */
export interface UserTotpTable {
  user_id: string
  secret: string
  last_step: Generated<number>
  enrolled_at: Instant
}

/** Single-use recovery codes, stored as SHA-256 hashes (they are random, so no slow hash is needed). */
export interface UserRecoveryCodesTable {
  id: string
  user_id: string
  code_hash: string
  used_at: Instant | null
  created_at: Instant
}
