// sin assess [FILE] [--holidays FILE]: the facts of an incident in (JSON), the assessment out (JSON).
import { readFile } from 'node:fs/promises'
import { assess, validateFacts } from '../../domain/notification/index.js'
import { parseOptions, UsageError, type CliCommand } from '../command.js'
import { calendarOption, counting, HOLIDAYS_HELP } from '../engine-options.js'

const command: CliCommand = {
  name: 'assess',
  summary: 'Assess which notifications an incident needs (JSON in, JSON out)',
  help: `Usage: sin assess [FILE] [--holidays FILE]

Reads the facts of one incident as a JSON object (from FILE, or from standard
input when FILE is absent or "-") and prints the assessment as a JSON object:
the decision, the notifications this authority must make and by when, open
professional judgements, and the reasons, each citing its source.

Input fields:
  awareDate            YYYY-MM-DD, required: the day this authority became aware
  incidentDate         YYYY-MM-DD: the day of the death or harm
  outcome              died | seriously_harmed | harm_uncertain | not_seriously_harmed
  abuseOrNeglect       known | suspected | not_suspected | not_yet_known
  location             this_area | elsewhere_in_england | outside_england
                       (Wales, Scotland, Northern Ireland and abroad are outside_england)
  normallyResident     true | false: the child is normally resident in this area
  child.dateOfBirth    YYYY-MM-DD, left out when unknown
  child.unborn, child.lookedAfter, child.careLeaver   true | false (default false)

Output: decision (notify | judgement_required | other_authority | not_required),
notifications [{kind, recipients, due}], deadline, pendingJudgement, rapidReview,
otherAuthority, reasons [{rule, text}], and the age and calendar used.

Options:
${HOLIDAYS_HELP}

Example:
  echo '{"awareDate":"2026-03-02","outcome":"seriously_harmed","abuseOrNeglect":"suspected",
         "location":"this_area","normallyResident":true}' | sin assess

Bad input (a missing or wrong field, an impossible date, incidentDate after
awareDate, a date of birth after the incident): nothing on standard output, a
message naming the field on standard error, exit status 2.
`,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { holidays: { type: 'string' } }, true)
    if (positionals.length > 1) throw new UsageError(`give at most one input FILE, not ${positionals.length}`)
    const file = positionals[0] ?? '-'
    const calendar = calendarOption(values)
    let text: string
    try {
      text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8')
    } catch (error) {
      throw new UsageError(`cannot read FILE ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    }
    let input: unknown
    try {
      input = JSON.parse(text.replace(/^\uFEFF/, ''))
    } catch (error) {
      throw new UsageError(`the input (${file === '-' ? 'standard input' : file}) is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
    }
    const result = validateFacts(input)
    if (!result.ok) throw new UsageError(result.problems.map((p) => p.message).join('\n'))
    const assessment = counting('awareDate', () => assess(result.facts, calendar))
    io.stdout(`${JSON.stringify(assessment, null, 2)}\n`)
    return 0
  },
}

export default command
