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
  prev_hash: string
  hash: string
}

/** One row: the last link of the audit chain. Appends lock it, so they happen one at a time. */
export interface AuditChainHeadTable {
  id: number
  last_seq: number
  last_hash: string
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
