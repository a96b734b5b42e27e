// What a refused request must leave as it was, in one query so the matrix can take it before and
// after each of its hundreds of refusals: the cases and their versions (every step moves one), the
// records the matrix makes (webhook endpoints, API tokens, identities, import uploads), accounts,
// and the audit trail apart from the entries a refusal or a view must add (ASVS 16.3.1, 16.3.2).
import { sql } from 'kysely'
import type { Database } from '../../src/data/db.js'

/** Audit actions a refused request may add: the refusal itself, and views. */
const MAY_ADD = ['access.refused', 'record.viewed', 'report.viewed', 'sign-in.failed'] as const

export async function storedState(db: Database['db']): Promise<string> {
  const result = await sql<Record<string, unknown>>`select
    (select count(*) from incidents) as incidents,
    (select coalesce(sum(version), 0) from incidents) as versions,
    (select count(*) from incident_children) as children,
    (select count(*) from learning_actions) as actions,
    (select count(*) from webhook_endpoints) as endpoints,
    (select count(disabled_at) from webhook_endpoints) as disabled_endpoints,
    (select count(*) from api_tokens) as tokens,
    (select count(revoked_at) from api_tokens) as revoked_tokens,
    (select count(*) from user_identities) as identities,
    (select count(*) from case_import_uploads) as uploads,
    (select count(mapping) from case_import_uploads) as mapped_uploads,
    (select count(imported_at) from case_import_uploads) as imported_uploads,
    (select count(*) from memberships) as memberships,
    (select count(disabled_at) from users) as disabled_users,
    (select count(*) from audit_entries where action not in (${sql.join(MAY_ADD)}) and outcome not like 'refused%') as changes`.execute(db)
  // PostgreSQL answers counts as strings and SQLite as numbers; either compares with itself.
  return JSON.stringify(result.rows[0])
}
