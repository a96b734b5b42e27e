// sin holidays list [--year YYYY] [--holidays FILE]
// sin holidays import FILE [--into FILE] [--retrieved YYYY-MM-DD]
import { bundledCalendarPath, mergeIntoHolidayFile, readHolidayFile } from '../../calendar/bundled.js'
import { calendarFromFile, CalendarDay, HolidayFileError, type BankHoliday, type HolidayFile } from '../../domain/calendar/index.js'
import { parseOptions, UsageError, type CliCommand, type CliIO } from '../command.js'
import { calendarOption, HOLIDAYS_HELP } from '../engine-options.js'

const help = `Usage: sin holidays list [--year YYYY] [--holidays FILE]
       sin holidays import FILE [--into FILE] [--retrieved YYYY-MM-DD]

England and Wales bank holidays, which the working-day counts leave out.

list     Prints each bank holiday, one a line: the date, then its title.
  --year YYYY       Only that year (it must be a year the calendar covers).
${HOLIDAYS_HELP}

import   Merges a newer GOV.UK file (download https://www.gov.uk/bank-holidays.json)
         into the bundled calendar. Dates already held are never dropped, even when the
         new file no longer lists them (GOV.UK keeps only a few years). Prints the dates
         added, or says that none were, and any title changes or dates to check.
  --into FILE       The calendar file to update (default: the bundled
                    data/bank-holidays/england-and-wales.json). Written atomically.
  --retrieved DATE  The day FILE was downloaded (default: the file's own
                    "retrieved" field, else today).
         When DATABASE_URL names the service's database, each case whose running
         deadline moves because of an added date gets a line in its history. Restart
         the service afterwards so that it counts on the new calendar.

Examples:
  sin holidays list --year 2026
  curl -sO https://www.gov.uk/bank-holidays.json && sin holidays import bank-holidays.json
`

function line(h: BankHoliday, provisional: boolean): string {
  const notes = h.notes ? ` (${h.notes.toLowerCase()})` : ''
  return `${h.date.toString()}  ${h.title}${notes}${provisional ? ' [provisional]' : ''}\n`
}

function list(argv: readonly string[], io: CliIO): number {
  const { values } = parseOptions(argv, { year: { type: 'string' }, holidays: { type: 'string' } })
  const calendar = calendarOption(values)
  let holidays = calendar.holidays
  if (values.year !== undefined) {
    const year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN
    if (Number.isNaN(year)) throw new UsageError(`--year must be a year in the form YYYY, not "${values.year}"`)
    if (!calendar.coversYear(year)) throw new UsageError(`--year ${year} is outside the years the calendar covers (${calendar.firstYear} to ${calendar.lastYear})`)
    holidays = calendar.holidaysIn(year)
  }
  io.stdout(holidays.map((h) => line(h, calendar.isProvisionalYear(h.date.year))).join(''))
  return 0
}

/** Today in England, for the retrieval stamp: the CLI has a clock, the domain does not. */
function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

function read(path: string, option: string): { file: HolidayFile; json: Record<string, unknown> } {
  try {
    return readHolidayFile(path)
  } catch (error) {
    if (error instanceof HolidayFileError) throw new UsageError(`${option}: ${error.message}`)
    throw error
  }
}

// Running clocks are counted on the calendar, so new holidays can move a due date. Each case a
// change moves gets a line in its history and an audit entry (issue 5, item 6). This needs the
// service's database, so it happens when DATABASE_URL names one (as in every deployment).
async function recordMovedClocks(io: CliIO, previous: HolidayFile, next: HolidayFile): Promise<string> {
  if (!io.env['DATABASE_URL']) return 'DATABASE_URL is not set, so no case was checked for moved deadlines.\n'
  const { withServices } = await import('../database.js')
  const { systemActor } = await import('../../services/index.js')
  const result = await withServices(io, (services) => services.clocks.recomputeClocks(systemActor('sin holidays import'), calendarFromFile(previous), calendarFromFile(next)))
  if (result.moved.length === 0) return 'No running deadline moved.\n'
  return [`Deadlines moved on ${result.moved.length} case${result.moved.length === 1 ? '' : 's'} (recorded in each case's history):\n`, ...result.moved.map((m) => `  ${m.reference}: ${m.changes.join('; ')}\n`)].join('')
}

async function importFile(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, { into: { type: 'string' }, retrieved: { type: 'string' } }, true)
  if (positionals.length !== 1) throw new UsageError('import needs exactly one FILE (a GOV.UK bank-holidays.json)')
  if (values.retrieved !== undefined && !CalendarDay.tryParse(values.retrieved)) {
    throw new UsageError(`--retrieved must be a real date in the form YYYY-MM-DD, not "${values.retrieved}"`)
  }
  const into = values.into ?? bundledCalendarPath
  const incoming = read(positionals[0] as string, 'FILE')
  const current = read(into, '--into')
  const retrieved = values.retrieved ?? incoming.file.provenance.retrieved ?? todayInLondon()
  const { merge, changed } = mergeIntoHolidayFile(into, current, { ...incoming.file, provenance: { ...incoming.file.provenance, retrieved } })

  const out: string[] = []
  out.push(merge.added.length === 0 ? 'No dates added: the calendar already holds every date in the file.\n' : `Added ${merge.added.length} date${merge.added.length === 1 ? '' : 's'}:\n`)
  out.push(...merge.added.map((h) => `  ${line(h, false)}`))
  out.push(...merge.retitled.map((r) => `Title changed on ${r.date.toString()}: "${r.from}" is now "${r.to}"\n`))
  for (const h of merge.keptButNotInIncoming) out.push(`Kept ${h.date.toString()} ${h.title}, which the new file does not list for that year: check it.\n`)
  if (merge.confirmedYears.length > 0) out.push(`No longer provisional: ${merge.confirmedYears.join(', ')}\n`)

  if (changed) {
    out.push(`Updated ${into}.\n`)
    if (merge.added.length > 0) out.push(await recordMovedClocks(io, current.file, merge.merged))
  } else {
    out.push(`${into} was not changed.\n`)
  }
  io.stdout(out.join(''))
  return 0
}

const command: CliCommand = {
  name: 'holidays',
  summary: 'List or import England and Wales bank holidays',
  help,
  async run(argv, io) {
    const [sub, ...rest] = argv
    if (sub === 'list') return list(rest, io)
    if (sub === 'import') return await importFile(rest, io)
    throw new UsageError(sub === undefined ? 'say "list" or "import" (see sin holidays --help)' : `unknown subcommand "${sub}": say "list" or "import"`)
  },
}

export default command
