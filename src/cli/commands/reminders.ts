import { UsageError, parseOptions, type CliCommand } from '../command.js'
import { loadConfig } from '../../config.js'
import { reminderSettings } from '../../jobs/scheduler.js'
import { withServices } from '../database.js'

const command: CliCommand = {
  name: 'reminders',
  summary: 'Send the alerts and reminders that are due, once (sin reminders run, for cron)',
  help: `Usage: sin reminders run

Runs one scheduler tick against the database DATABASE_URL names: sends the alerts and reminders
that are due through EMAIL_TRANSPORT (outbox, smtp or notify), and retries failed sends whose
wait is over. Each email is sent exactly once, however often this runs and however many servers
run the scheduler too. Prints how many were sent, failed and already sent.
`,
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, true)
    if (positionals.length !== 1 || positionals[0] !== 'run') throw new UsageError('expected "sin reminders run"')
    const settings = reminderSettings(loadConfig(io.env))
    const result = await withServices(io, (services) => services.reminders(settings).tick())
    io.stdout(`Alerts sent: ${result.alertsSent}. Reminders sent: ${result.remindersSent}. Failed: ${result.failed}. Already sent: ${result.alreadySent}.\n`)
    return result.failed > 0 ? 1 : 0
  },
}
export default command
