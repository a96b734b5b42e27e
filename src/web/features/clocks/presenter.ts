// How a clock reads on a page: start, due (with the original beside an extended one), working
// days left or overdue, a state tag in words (never colour alone) and its source.
import type { ClockState, ClockView } from '../../../domain/after-decision/index.js'
import { longDate } from '../incidents/presenter.js'

const STATES: Readonly<Record<ClockState, { text: string; classes: string }>> = {
  on_track: { text: 'On track', classes: 'govuk-tag--blue' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  due_today: { text: 'Due today', classes: 'govuk-tag--orange' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  met: { text: 'Done', classes: 'govuk-tag--green' },
  stood_down: { text: 'Stood down', classes: 'govuk-tag--grey' },
}

const SOURCES: Readonly<Record<ClockView['sourceStatus'], string>> = {
  confirmed: 'confirmed in law or statutory guidance',
  corroborated: 'corroborated by guidance',
  unconfirmed: 'not yet confirmed',
}

const plural = (n: number, word: string) => `${n} working ${word}${n === 1 ? '' : 's'}`

function progress(clock: ClockView): string {
  if (clock.metOn) return `Done on ${longDate(clock.metOn)}${clock.late ? ' (late)' : ''}`
  if (clock.state === 'stood_down') return 'Stood down'
  if (clock.workingDaysOverdue) return `${plural(clock.workingDaysOverdue, 'day')} overdue`
  if (clock.state === 'due_today') return 'Due today'
  return clock.workingDaysLeft === null ? '' : `${plural(clock.workingDaysLeft, 'day')} left`
}

export interface ClockRow {
  readonly key: string
  readonly name: string
  readonly start: string
  readonly due: string
  readonly originalDue: string | null
  readonly extension: ClockView['extension']
  readonly progress: string
  readonly tag: { readonly text: string; readonly classes: string }
  readonly source: string
  readonly running: boolean
  /** The card's rows (govukSummaryList), so every page shows a clock the same way. */
  readonly rows: ReturnType<typeof clockSummaryRows>
}

export function clockRow(clock: ClockView): ClockRow {
  const row = {
    key: clock.key,
    name: clock.name,
    start: longDate(clock.start),
    due: longDate(clock.due),
    originalDue: clock.originalDue ? longDate(clock.originalDue) : null,
    extension: clock.extension,
    progress: progress(clock),
    tag: STATES[clock.state],
    source: `${clock.citation} (${SOURCES[clock.sourceStatus]})`,
    running: !clock.metOn && clock.state !== 'stood_down',
  }
  return { ...row, rows: clockSummaryRows(row) }
}

/** Rows for a govukSummaryList card about one clock. */
function clockSummaryRows(row: Pick<ClockRow, 'start' | 'due' | 'originalDue' | 'extension' | 'progress' | 'source'>) {
  return [
    { key: { text: 'Started' }, value: { text: row.start } },
    { key: { text: 'Due' }, value: { text: row.originalDue ? `${row.due} (extended from ${row.originalDue})` : row.due } },
    ...(row.extension ? [{ key: { text: 'Why it was extended' }, value: { text: `${row.extension.reason} Agreed by ${row.extension.agreedBy}.` } }] : []),
    { key: { text: 'Progress' }, value: { text: row.progress } },
    { key: { text: 'Source' }, value: { text: row.source } },
  ]
}
