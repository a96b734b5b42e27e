// Who may do what, per authority (issue 3, item 5). One Permissions object per request answers
// every "may this user do this here" question. Everything is denied unless the table allows it.

export const ROLES = ['practitioner', 'decision-owner', 'partner', 'business-unit', 'auditor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** The role's name as users see it. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  practitioner: 'Practitioner',
  'decision-owner': 'Decision owner',
  partner: 'Safeguarding partner',
  'business-unit': 'Business unit',
  auditor: 'Auditor',
  admin: 'Administrator',
}

export const ACTIONS = [
  'case:view',
  'incident:record',
  'decision:record',
  'partner-view:record',
  'notification:submit',
  'review:manage',
  'action:manage',
  'report:view',
  'export',
  'audit:view',
  'settings:view',
  'settings:manage',
  'users:view',
  'users:manage',
  // The demo's outbox of emails that would have been sent (never offered in production).
  'outbox:view',
] as const
export type Action = (typeof ACTIONS)[number]

/**
 * The table. Admins run the service (users and settings), not cases: they see no case records,
 * so an admin account cannot be used to browse children's information. Auditors read
 * everything, including the audit trail, and change nothing.
 */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  practitioner: ['case:view', 'incident:record'],
  'decision-owner': ['case:view', 'incident:record', 'decision:record', 'notification:submit', 'report:view'],
  partner: ['case:view', 'partner-view:record'],
  'business-unit': ['case:view', 'notification:submit', 'review:manage', 'action:manage', 'report:view', 'export', 'outbox:view'],
  auditor: ['case:view', 'report:view', 'audit:view', 'settings:view', 'users:view'],
  admin: ['settings:view', 'settings:manage', 'users:view', 'users:manage', 'outbox:view'],
}

export function roleMay(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action)
}

export interface AuthorityMembership {
  readonly authorityId: string
  readonly authorityCode: string
  readonly authorityName: string
  readonly role: Role
}

export interface AuthorityChoice {
  readonly id: string
  readonly code: string
  readonly name: string
}

/**
 * Built per request from the signed-in user's memberships and the authority they are working in
 * (kept in their session). A current authority the user is not a member of is ignored, so a
 * tampered or stale choice grants nothing; with exactly one membership it is chosen for them.
 */
export class Permissions {
  readonly role: Role | null
  readonly currentAuthority: AuthorityChoice | null
  /** The authorities this user may switch between, by name. */
  readonly authorities: readonly AuthorityChoice[]
  private readonly memberships: readonly AuthorityMembership[]

  constructor(memberships: readonly AuthorityMembership[], currentAuthorityId?: string | null) {
    this.memberships = memberships.filter((m) => isRole(m.role))
    this.authorities = this.memberships
      .map((m) => ({ id: m.authorityId, code: m.authorityCode, name: m.authorityName }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    const current =
      this.memberships.find((m) => m.authorityId === currentAuthorityId) ??
      (this.memberships.length === 1 ? this.memberships[0] : undefined)
    this.role = current?.role ?? null
    this.currentAuthority = current ? { id: current.authorityId, code: current.authorityCode, name: current.authorityName } : null
  }

  /** Nobody: for requests with no signed-in user. */
  static none(): Permissions {
    return new Permissions([])
  }

  /** May the user do this in the authority they are working in now? */
  can(action: Action): boolean {
    return this.role !== null && roleMay(this.role, action)
  }

  /** May the user do this in that authority (which must be the current one)? For services. */
  canIn(authorityId: string, action: Action): boolean {
    return this.currentAuthority?.id === authorityId && this.can(action)
  }

  /** The user's role in any authority, whether or not it is the current one. */
  roleIn(authorityId: string): Role | null {
    return this.memberships.find((m) => m.authorityId === authorityId)?.role ?? null
  }

  /** May the user switch to that authority? */
  mayWorkIn(authorityId: string): boolean {
    return this.roleIn(authorityId) !== null
  }
}
