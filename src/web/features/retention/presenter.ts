// The retention settings rows and the subject access page's sections, in the users' words.
import { RETENTION_RECORD_TYPES, RETENTION_RULES, periodText, type RetentionPeriods } from '../../../domain/retention/index.js'
import { SUBJECT_ACCESS_SECTIONS, type SubjectAccessExport } from '../../../services/subject-access.js'

export function retentionRows(periods: RetentionPeriods) {
  return RETENTION_RECORD_TYPES.map((type) => {
    const rule = RETENTION_RULES[type]
    return { type, label: rule.label, unit: rule.unit, period: periods[type], periodText: periodText(type, periods[type]), action: rule.action === 'delete' ? 'Deleted' : 'Anonymised', what: rule.what, from: rule.from, basis: rule.basis, defaultText: periodText(type, rule.defaultPeriod) }
  })
}

const label = (key: string): string => key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase())

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map((v) => valueText(v)).join(', ')
  return String(value as string | number)
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Flat label-value rows for one record: nested parts become "Part: field" rows, lists of records are numbered. */
function flatten(record: Record<string, unknown>, prefix = ''): { key: { text: string }; value: { text: string } }[] {
  return Object.entries(record).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}: ${label(key).toLowerCase()}` : label(key)
    if (isRecord(value)) return flatten(value, name)
    if (Array.isArray(value) && value.some(isRecord)) return value.flatMap((v, i) => (isRecord(v) ? flatten(v, `${name} ${i + 1}`) : [{ key: { text: `${name} ${i + 1}` }, value: { text: valueText(v) } }]))
    return [{ key: { text: name }, value: { text: valueText(value) } }]
  })
}

const rows = (record: Record<string, unknown>) => flatten(record)

/** One section per kind of record; each record a summary list. */
export function subjectAccessSections(data: SubjectAccessExport) {
  return SUBJECT_ACCESS_SECTIONS.map(({ key, title }) => {
    const value = data[key]
    const records = Array.isArray(value) ? (value as Record<string, unknown>[]) : value ? [value as Record<string, unknown>] : []
    return { id: key, title, records: records.map(rows) }
  })
}
