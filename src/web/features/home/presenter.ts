// What the home page tells each role about the service (until the worklist replaces it).
import { ROLE_NAMES, type Permissions, type Role } from '../../../domain/permissions/index.js'

const ROLE_SUMMARIES: Readonly<Record<Role, readonly string[]>> = {
  practitioner: ['record a serious incident as soon as you know about it', 'see the incidents your authority is working on'],
  'decision-owner': ['decide whether an incident must be notified to the Child Safeguarding Practice Review Panel', 'record and submit notifications', 'see reports on incidents and deadlines'],
  partner: ['give your organisation’s view on incidents in the partnerships you serve', 'see the incidents those partnerships are working on'],
  'business-unit': ['run rapid reviews and practice reviews', 'track actions and submit notifications', 'see reports and export them'],
  auditor: ['read every record, including the audit trail of who viewed or changed what', 'see the authority’s settings and users – you cannot change anything'],
  admin: ['manage the authority’s settings and its safeguarding partners', 'add users, change their roles, and disable or enable their accounts'],
}

export function homeView(permissions: Permissions) {
  const role = permissions.role
  return {
    roleName: role ? ROLE_NAMES[role] : null,
    canDo: role ? ROLE_SUMMARIES[role] : [],
    links: [
      permissions.can('settings:view') ? { text: 'Authority settings', href: '/settings' } : null,
      permissions.can('users:view') ? { text: 'Users', href: '/settings/users' } : null,
      permissions.can('audit:view') ? { text: 'Audit trail', href: '/audit' } : null,
    ].filter((link) => link !== null),
    authorities: permissions.authorities,
  }
}
