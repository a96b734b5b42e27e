// What an API token may do (issue 7, item 1). A token belongs to one authority and carries
// scopes, not a role; each scope grants a fixed set of the permission table's actions:
//   read  = viewing cases and reports ('case:view', 'report:view')
//   write = recording incidents, decisions, notifications, reviews and actions
// Partners' views are not in either scope: a view is one agency's professional judgement
// (Working Together 2023 ch 5), given by that agency's own signed-in user, and an authority's
// token cannot speak for the police or the NHS. Settings, users, the audit trail and exports
// are never reachable with a token.
import { Permissions, ROLE_ACTIONS, type Action, type Role } from './index.js'

export const SCOPES = ['read', 'write'] as const
export type Scope = (typeof SCOPES)[number]

export const SCOPE_ACTIONS: Readonly<Record<Scope, readonly Action[]>> = {
  read: ['case:view', 'report:view'],
  write: ['incident:record', 'decision:record', 'notification:submit', 'review:manage', 'action:manage'],
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value)
}

/**
 * The lifecycle table is by role, so a token takes each step in the role whose step it is: the
 * practitioner records, the decision owner decides, the business unit notifies, reviews and
 * tracks actions (the same rows of the table a person in that role meets).
 */
export const ACTING_ROLE: Readonly<Partial<Record<Action, Role>>> = {
  'case:view': 'business-unit',
  'report:view': 'business-unit',
  'incident:record': 'practitioner',
  'decision:record': 'decision-owner',
  'notification:submit': 'business-unit',
  'review:manage': 'business-unit',
  'action:manage': 'business-unit',
}

export interface TokenAuthority {
  readonly id: string
  readonly code: string
  readonly name: string
}

/** A token's permissions: its scopes' actions, in its own authority only, acting in one role. */
export class TokenPermissions extends Permissions {
  private readonly granted: ReadonlySet<Action>

  constructor(authority: TokenAuthority, scopes: readonly Scope[], acting: Action) {
    const role = ACTING_ROLE[acting] ?? 'auditor'
    super([{ authorityId: authority.id, authorityCode: authority.code, authorityName: authority.name, role }], authority.id)
    // Never more than the acting role itself could do, and never more than the scopes grant.
    this.granted = new Set(scopes.flatMap((s) => SCOPE_ACTIONS[s]).filter((a) => ROLE_ACTIONS[role].includes(a) || a === 'case:view'))
  }

  override can(action: Action): boolean {
    return this.granted.has(action)
  }
}
