// The report's figures in words: each with its definition (docs/reports.md), the breakdowns as
// tables with a chart each, and the same rows for the exports, so the page and the files agree.
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from '../../../domain/after-decision/index.js'
import { financialYearOf, periodOf, type Figures, type PeriodKind } from '../../../domain/reports/index.js'
import { LABELS } from '../incidents/labels.js'
import { barChart, type ChartBar } from './charts.js'

export interface FigureRow {
  /** The yearly report's section the figure belongs to. */
  readonly section: string
  readonly figure: string
  readonly value: string
  readonly definition: string
}

const of = (part: number, whole: number) => `${part} of ${whole}`

export function figureRows(f: Figures): FigureRow[] {
  return [
    { section: 'Screening and decisions', figure: 'Incidents screened', value: String(f.screened), definition: 'Submitted incidents (not drafts) the authority became aware of in the period.' },
    { section: 'Screening and decisions', figure: 'Notifications made', value: String(f.notificationsByKind.reduce((n, k) => n + k.count, 0)), definition: 'Notifications sent in the period, of every kind.' },
    { section: 'Screening and decisions', figure: 'Decisions that departed from the engine', value: of(f.departures, f.decisions), definition: 'Of the incidents screened with a decision, those recorded as departing from the engine’s outcome.' },
    { section: 'Timeliness', figure: 'Notifications within 5 working days', value: f.sharePercent === null ? 'None sent' : `${of(f.sentWithin5, f.sent)} (${f.sharePercent}%)`, definition: 'Working days after the day of awareness up to the day sent, bank holidays excluded.' },
    { section: 'Timeliness', figure: 'Rapid reviews sent on time', value: of(f.rapidReviewsOnTime, f.rapidReviewsSent), definition: 'Rapid reviews sent in the period on or before the due date (an agreed extension’s date counts).' },
    { section: 'Reviews and learning', figure: 'Practice reviews commissioned', value: String(f.practiceReviewsCommissioned), definition: 'Decisions in the period to carry out a local child safeguarding practice review.' },
    { section: 'Timeliness', figure: 'Practice reviews published on time', value: of(f.practiceReviewsPublishedOnTime, f.practiceReviewsPublished), definition: 'Reviews published in the period on or before the due date.' },
    { section: 'Reviews and learning', figure: 'Learning actions overdue', value: String(f.actionsOverdue), definition: 'Actions due before the end of the period (or today, if sooner) and not completed by then.' },
  ]
}

export interface Breakdown {
  readonly id: string
  readonly title: string
  readonly label: string
  readonly count: string
  readonly bars: readonly ChartBar[]
}

const kindLabel = (kind: string) => NOTIFICATION_KIND_LABELS[kind as NotificationKind] ?? kind
const harmLabel = (kind: string) => LABELS['kinds']?.[kind] ?? kind
const bars = (rows: readonly { band: string; count: number }[], label: (band: string) => string = (b) => b) => rows.map((r) => ({ label: label(r.band), count: r.count }))

export function breakdowns(f: Figures): Breakdown[] {
  return [
    { id: 'by-kind', title: 'Notifications made, by kind', label: 'Kind of notification', count: 'Notifications', bars: f.notificationsByKind.map((k) => ({ label: kindLabel(k.kind), count: k.count })) },
    { id: 'timeliness', title: 'Working days from awareness to notification', label: 'Working days', count: 'Notifications', bars: f.timeliness.map((t) => ({ label: `${t.workingDays} ${t.workingDays === 1 ? 'day' : 'days'}`, count: t.count })) },
    { id: 'by-age', title: 'Children in incidents screened, by age band', label: 'Age band', count: 'Children', bars: bars(f.byAgeBand) },
    { id: 'by-looked-after', title: 'Incidents screened, by looked-after status', label: 'Looked-after status', count: 'Incidents', bars: bars(f.byLookedAfter) },
    { id: 'by-harm', title: 'Incidents screened, by kind of harm', label: 'Kind of harm', count: 'Incidents', bars: bars(f.byHarm, harmLabel) },
    { id: 'by-partner', title: 'Incidents screened, by who raised them', label: 'Raised by', count: 'Incidents', bars: bars(f.byPartner) },
  ]
}

/** The figures in the yearly report's sections, in the order a report tells them. */
export function yearlySections(rows: readonly FigureRow[]) {
  return ['Screening and decisions', 'Timeliness', 'Reviews and learning'].map((section) => ({ section, rows: rows.filter((r) => r.section === section) }))
}

/** Each breakdown with its chart and its govukTable rows. */
export async function chartsView(f: Figures) {
  return Promise.all(
    breakdowns(f).map(async (b) => ({
      ...b,
      svg: b.bars.length ? await barChart(b.id, b.title, b, b.bars) : null,
      head: [{ text: b.label }, { text: b.count, format: 'numeric' }],
      rows: b.bars.map((bar) => [{ text: bar.label }, { text: String(bar.count), format: 'numeric' }]),
    })),
  )
}

/** The period form's one select: three financial years, their quarters, the last 12 months. */
export function periodChoices(today: string, chosen: { kind: PeriodKind; year: string; quarter: string; month: string }) {
  const thisYear = financialYearOf(today)
  const years = [thisYear, thisYear - 1, thisYear - 2].map(String)
  const quarters = years.slice(0, 2).flatMap((y) => ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${y}-${q}`))
  const [y, m] = today.split('-').map(Number) as [number, number]
  const months = Array.from({ length: 12 }, (_, i) => {
    const index = y * 12 + (m - 1) - i
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  })
  const items = (values: readonly string[], kind: PeriodKind) => values.map((value) => ({ value: `${kind}:${value}`, text: periodOf(kind, value)?.label ?? value, selected: kind === chosen.kind && value === chosen[kind] }))
  return { years: years.map((value) => ({ value, text: periodOf('year', value)?.label ?? value, selected: value === chosen.year })), all: [...items(years, 'year'), ...items(quarters, 'quarter'), ...items(months, 'month')] }
}
