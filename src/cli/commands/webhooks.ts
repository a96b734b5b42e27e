import { UsageError, parseOptions, type CliCommand } from '../command.js'
import { loadConfig } from '../../config.js'
import { webhookDeliverySettings } from '../../jobs/webhooks.js'
import { withServices } from '../database.js'

const command: CliCommand = {
  name: 'webhooks',
  summary: 'Send the webhook deliveries that are due, once (sin webhooks run, for cron)',
  help: `Usage: sin webhooks run

Runs one webhook tick against the database DATABASE_URL names: turns new events (incident
recorded, decision made, notification sent, clock overdue) into deliveries for each enabled
endpoint, then posts the deliveries that are due, signed, retrying failures with doubling waits.
Each event is delivered to each endpoint once, however often this runs and however many servers
run the scheduler too. Prints how many were enqueued, delivered, left to retry and failed;
exits 1 when a delivery was marked failed. See docs/webhooks.md.
`,
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, true)
    if (positionals.length !== 1 || positionals[0] !== 'run') throw new UsageError('expected "sin webhooks run"')
    const settings = webhookDeliverySettings(loadConfig(io.env))
    const result = await withServices(io, (services) => services.webhookDeliveries(settings).tick())
    io.stdout(`Enqueued: ${result.enqueued}. Delivered: ${result.delivered}. Will retry: ${result.retrying}. Failed: ${result.failed}.\n`)
    return result.failed > 0 ? 1 : 0
  },
}
export default command
