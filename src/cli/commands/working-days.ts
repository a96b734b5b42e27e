// sin working-days --from YYYY-MM-DD --to YYYY-MM-DD [--holidays FILE]
import { parseOptions, type CliCommand } from '../command.js'
import { calendarOption, counting, dayOption, HOLIDAYS_HELP } from '../engine-options.js'

const command: CliCommand = {
  name: 'working-days',
  summary: 'How many working days lie after one date up to another',
  help: `Usage: sin working-days --from YYYY-MM-DD --to YYYY-MM-DD [--holidays FILE]

Prints how many working days lie after --from, up to and including --to: 0 when
--to is not after --from. Working days are Monday to Friday, except bank
holidays in England and Wales.

Options:
  --from YYYY-MM-DD  The start day (day 0, not counted).
  --to YYYY-MM-DD    The last day counted.
${HOLIDAYS_HELP}

Example:
  sin working-days --from 2026-12-23 --to 2027-01-04     prints 5

A count that would reach a year the calendar does not cover is an error (exit
status 2), never a guess. Bad input: a message on standard error, exit status 2.
`,
  async run(argv, io) {
    const { values } = parseOptions(argv, {
      from: { type: 'string' },
      to: { type: 'string' },
      holidays: { type: 'string' },
    })
    const from = dayOption(values, 'from')
    const to = dayOption(values, 'to')
    const calendar = calendarOption(values)
    const outside = from.epochDay + 1 < calendar.firstDay ? '--from' : '--to'
    const count = counting(outside, () => calendar.countWorkingDays(from, to))
    io.stdout(`${count}\n`)
    return 0
  },
}

export default command
