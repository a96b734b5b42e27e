// Turns a page of audit entries into table rows and GOV.UK pagination.
import type { AuditPage } from '../../../services/audit.js'
import type { AuditFilters } from './schema.js'
import { pagination } from '../../pagination.js'

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
  return pagination(result.page, result.pages, (page) => link(filters, page))
}
