// Turns a page of audit entries into table rows and GOV.UK pagination.
import type { AuditPage } from '../../../services/audit.js'
import type { AuditFilters } from './schema.js'

function link(filters: AuditFilters, page: number): string {
  const query = new URLSearchParams()
  for (const key of ['from', 'to', 'actor', 'action', 'record'] as const) {
    const value = filters[key]
    if (value) query.set(key, value)
  }
  query.set('page', String(page))
  return `/audit?${query.toString()}`
}

export function auditTable(result: AuditPage) {
  return result.entries.map((entry) => ({
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    record: entry.recordType ? `${entry.recordType}${entry.recordId ? ` ${entry.recordId}` : ''}` : '',
    outcome: entry.outcome,
    justification: entry.justification ?? '',
  }))
}

export function auditPagination(result: AuditPage, filters: AuditFilters) {
  if (result.pages <= 1) return null
  const pages = Array.from({ length: result.pages }, (_, i) => i + 1)
    .filter((n) => n === 1 || n === result.pages || Math.abs(n - result.page) <= 2)
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = []
  pages.forEach((n, i) => {
    if (i > 0 && n - (pages[i - 1] ?? n) > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: link(filters, n), current: n === result.page })
  })
  return {
    previous: result.page > 1 ? { href: link(filters, result.page - 1) } : null,
    next: result.page < result.pages ? { href: link(filters, result.page + 1) } : null,
    items,
  }
}
