// sin deadline --from YYYY-MM-DD --working-days N [--holidays FILE]
import { parseOptions, requireOption, UsageError, type CliCommand } from '../command.js'
import { calendarOption, counting, dayOption, HOLIDAYS_HELP } from '../engine-options.js'

const MAX_WORKING_DAYS = 400

const command: CliCommand = {
  name: 'deadline',
  summary: 'The date N working days after a date',
  help: `Usage: sin deadline --from YYYY-MM-DD --working-days N [--holidays FILE]

Prints the date that is the Nth working day after --from. The --from day is day 0,
whatever day of the week it is; the first working day after it is day 1. N = 0
prints the --from date itself. Working days are Monday to Friday, except bank
holidays in England and Wales.

Options:
  --from YYYY-MM-DD   The start day (for a notification: the day of awareness).
  --working-days N    A whole number from 0 to ${MAX_WORKING_DAYS}.
${HOLIDAYS_HELP}

Example:
  sin deadline --from 2026-12-23 --working-days 5     prints 2027-01-04

A count that would reach a year the calendar does not cover is an error (exit
status 2), never a guess. Bad input: a message on standard error, exit status 2.
`,
  async run(argv, io) {
    const { values } = parseOptions(argv, {
      from: { type: 'string' },
      'working-days': { type: 'string' },
      holidays: { type: 'string' },
    })
    const from = dayOption(values, 'from')
    const text = requireOption(values, 'working-days')
    const n = /^\d+$/.test(text) ? Number(text) : NaN
    if (!(n <= MAX_WORKING_DAYS)) throw new UsageError(`--working-days must be a whole number from 0 to ${MAX_WORKING_DAYS}, not "${text}"`)
    const calendar = calendarOption(values)
    const outside = from.epochDay + 1 < calendar.firstDay ? '--from' : '--working-days'
    const due = counting(outside, () => calendar.addWorkingDays(from, n))
    io.stdout(`${due.toString()}\n`)
    return 0
  },
}

export default command
