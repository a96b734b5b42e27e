// The worklist page: filters, sort, search and pages over the service's items (pure), the state of
// each clock as a tag with words, and the banner when something is due today or overdue.
import type { BankHolidayCalendar } from '../../../domain/calendar/index.js'
import { CalendarDay } from '../../../domain/calendar/index.js'
import type { WorkItem, WorkStage, WorkState } from '../../../services/worklist.js'
import { pagination } from '../../pagination.js'
import { longDate } from '../incidents/presenter.js'
import { AGENCIES, DUE_WITHIN, WORK_STAGES, WORK_STATES, type WorklistFilters } from './schema.js'

export const PAGE_SIZE = 20

const STAGE_NAMES: Readonly<Record<WorkStage, string>> = {
  draft: 'Draft', decision: 'Decision', views: 'Partner’s view', notification: 'Notification', rapid_review: 'Rapid review', practice_review: 'Practice review', actions: 'Learning actions',
}
const STATE_TAGS: Readonly<Record<WorkState, { text: string; classes: string }>> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_today: { text: 'Due today', classes: 'govuk-tag--orange' },
  due_soon: { text: 'Due within 2 working days', classes: 'govuk-tag--yellow' },
  on_track: { text: 'On track', classes: 'govuk-tag--green' },
}
const AGENCY_NAMES: Readonly<Record<string, string>> = { authority: 'Local authority', police: 'Police', health: 'Health' }

function matches(item: WorkItem, filters: WorklistFilters, today: CalendarDay, calendar: BankHolidayCalendar): boolean {
  if (filters.stage && item.stage !== filters.stage) return false
  if (filters.state && item.state !== filters.state) return false
  if (filters.agency && item.agency !== filters.agency) return false
  if (filters.dueWithin) {
    if (!item.due) return false
    if (CalendarDay.parse(item.due).isAfter(calendar.addWorkingDays(today, Number(filters.dueWithin)))) return false
  }
  return true
}

/** A case reference (exactly, any case) or part of a child's name. */
export function searchItems(items: readonly WorkItem[], term: string): WorkItem[] {
  const wanted = term.trim().toLowerCase()
  return items.filter((i) => i.reference.toLowerCase() === wanted || i.childNames.some((n) => n.toLowerCase().includes(wanted)))
}

function sorted(items: readonly WorkItem[], sort: WorklistFilters['sort']): WorkItem[] {
  const byDue = (a: WorkItem, b: WorkItem) => (a.due ?? '9999').localeCompare(b.due ?? '9999')
  return [...items].sort((a, b) => (sort === 'reference' ? a.reference.localeCompare(b.reference) || byDue(a, b) : byDue(a, b) || a.reference.localeCompare(b.reference)))
}

function query(filters: WorklistFilters, change: Partial<Record<keyof WorklistFilters, string | number>>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...filters, ...change })) if (value !== undefined && value !== '') params.set(key, String(value))
  return `/?${params.toString()}`
}

const options = (values: readonly string[], names: (v: string) => string, chosen: string | undefined, any: string) => [
  { value: '', text: any, selected: !chosen },
  ...values.map((v) => ({ value: v, text: names(v), selected: v === chosen })),
]

export function worklistView(all: readonly WorkItem[], filters: WorklistFilters, today: CalendarDay, calendar: BankHolidayCalendar, search: string | null) {
  const shown = sorted((search ? searchItems(all, search) : all).filter((i) => matches(i, filters, today, calendar)), filters.sort)
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE))
  const page = Math.min(filters.page, pages)
  const urgent = all.filter((i) => i.state === 'overdue' || i.state === 'due_today')
  return {
    rows: shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((i) => ({
      href: `/incidents/${i.incidentId}`, reference: i.reference, stage: STAGE_NAMES[i.stage], what: i.what,
      due: i.due ? longDate(i.due) : 'No date yet', tag: i.state ? STATE_TAGS[i.state] : { text: 'No deadline yet', classes: 'govuk-tag--grey' },
      agency: i.agency ? (AGENCY_NAMES[i.agency] ?? i.agency) : '',
    })),
    total: shown.length,
    banner: urgent.length === 0 ? null : {
      overdue: urgent.filter((i) => i.state === 'overdue').length,
      dueToday: urgent.filter((i) => i.state === 'due_today').length,
    },
    search,
    filters: {
      stage: options(WORK_STAGES, (v) => STAGE_NAMES[v as WorkStage], filters.stage, 'All stages'),
      state: options(WORK_STATES, (v) => STATE_TAGS[v as WorkState].text, filters.state, 'All states'),
      dueWithin: options(DUE_WITHIN, (v) => `Within ${v} working days`, filters.dueWithin, 'Any deadline'),
      agency: options(AGENCIES, (v) => AGENCY_NAMES[v] ?? v, filters.agency, 'All agencies'),
    },
    sortLinks: [
      { text: 'Deadline', href: query(filters, { sort: 'deadline', page: 1 }), current: filters.sort === 'deadline' },
      { text: 'Case reference', href: query(filters, { sort: 'reference', page: 1 }), current: filters.sort === 'reference' },
    ],
    // Search results are one page: paging links are GETs, which must not carry the term.
    pagination: search ? null : pagination(page, pages, (n) => query(filters, { page: n })),
  }
}
