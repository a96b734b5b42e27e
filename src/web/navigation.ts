// The service navigation: the pages a role may use, in the order users meet them. Each item
// names the action its page needs, so the menu and the routes cannot disagree.
import type { Permissions } from '../domain/permissions/index.js'
import type { Access, ApiAccess } from './plugins/access.js'
import { SIGNED_IN } from './plugins/access.js'

interface NavigationItem {
  readonly text: string
  readonly href: string
  readonly access: Exclude<Access, ApiAccess>
  /** Demo pages (the outbox) that production does not have. */
  readonly demoOnly?: true
}

const ITEMS: readonly NavigationItem[] = [
  { text: 'Home', href: '/', access: SIGNED_IN },
  { text: 'Incidents', href: '/incidents', access: 'case:view' },
  { text: 'Reports', href: '/reports', access: 'report:view' },
  { text: 'Authority settings', href: '/settings', access: 'settings:view' },
  { text: 'Users', href: '/settings/users', access: 'users:view' },
  { text: 'Audit trail', href: '/audit', access: 'audit:view' },
  { text: 'Outbox', href: '/outbox', access: 'outbox:view', demoOnly: true },
]

export function navigationFor(permissions: Permissions, currentPath: string, { production }: { readonly production: boolean }) {
  const offered = ITEMS.filter((item) => !(production && item.demoOnly))
  return offered.filter((item) => item.access === SIGNED_IN || (item.access !== 'public' && permissions.can(item.access))).map((item) => ({
    text: item.text,
    href: item.href,
    // The deepest matching item is current, so /settings/users marks "Users", not "Authority settings".
    current: item.href === currentPath,
    active: item.href !== '/' && currentPath.startsWith(item.href) && !ITEMS.some((other) => other.href.length > item.href.length && other.href.startsWith(item.href) && currentPath.startsWith(other.href)),
  }))
}
