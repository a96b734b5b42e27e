// Authority settings and users as the pages show them.
import { ROLE_NAMES, ROLES, type Role } from '../../../domain/permissions/index.js'
import type { Authority } from '../../../services/index.js'

const notSet = 'Not set'

export function authorityRows(authority: Authority, partners: readonly { kind: string; name: string }[]) {
  const partner = (kind: string) => partners.find((p) => p.kind === kind)?.name ?? notSet
  return {
    details: [
      ['Code', authority.code],
      ['Name', authority.name],
      ['Decision owner’s role', authority.decisionOwnerTitle],
      ['Decision owner’s name', authority.decisionOwnerName ?? notSet],
      ['Decision owner’s email address', authority.decisionOwnerEmail ?? notSet],
      ['Decision owner’s phone number', authority.decisionOwnerPhone ?? notSet],
      ['Partnership name', authority.partnershipName ?? notSet],
      ['Partnership email address', authority.partnershipEmail ?? notSet],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    partners: [
      { key: { text: 'Police force' }, value: { text: partner('police') } },
      { key: { text: 'Integrated care board' }, value: { text: partner('health') } },
    ],
  }
}

/** The form's values: what the user typed if they are being shown their mistakes, else the record. */
export function authorityFormValues(authority: Authority) {
  return {
    name: authority.name,
    decisionOwnerTitle: authority.decisionOwnerTitle,
    decisionOwnerName: authority.decisionOwnerName ?? '',
    decisionOwnerEmail: authority.decisionOwnerEmail ?? '',
    decisionOwnerPhone: authority.decisionOwnerPhone ?? '',
    partnershipName: authority.partnershipName ?? '',
    partnershipEmail: authority.partnershipEmail ?? '',
    version: authority.version,
  }
}

export function roleItems(selected?: string) {
  return ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role], checked: role === selected }))
}

export function roleName(role: Role): string {
  return ROLE_NAMES[role]
}
