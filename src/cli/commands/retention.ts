import { UsageError, parseOptions, type CliCommand } from '../command.js'
import { withServices } from '../database.js'
import { runSummary } from '../../jobs/retention.js'

const command: CliCommand = {
  name: 'retention',
  summary: 'Delete or anonymise records past their retention period (sin retention run [--dry-run])',
  help: `Usage: sin retention run [--dry-run]

Applies the retention schedule (docs/retention.md) to the database DATABASE_URL names: closed and
not-notified cases past their period are anonymised (kept for the statistics), drafts never sent
are deleted, and old sessions, emails and the audit trail's personal fields are removed. Each
case is handled in its own transaction and audited with what kind and how many, never the data.
The server does the same once a day; this is for cron or a one-off.

  --dry-run   Count what would be done, and change nothing.

Prints one line per kind with its count. Exit status 0.
`,
  async run(argv, io) {
    const { positionals, values } = parseOptions(argv, { 'dry-run': { type: 'boolean' } }, true)
    if (positionals.length !== 1 || positionals[0] !== 'run') throw new UsageError('expected "sin retention run [--dry-run]"')
    const result = await withServices(io, (services) => services.retention.run({ dryRun: values['dry-run'] === true }))
    io.stdout(runSummary(result))
    return 0
  },
}
export default command
