// The webhook deliveries run on the same interval as the reminders (SCHEDULER_INTERVAL_SECONDS),
// in their own timer so a slow receiver never holds up an email. 0 turns both off: cron then
// runs `sin webhooks run`. Exactly-once holds across processes (see webhook-deliveries.ts).
import type { Config } from '../config.js'
import type { Services, WebhookDeliverySettings } from '../services/index.js'
import { startScheduler, type RunningScheduler, type SchedulerLog } from './scheduler.js'

export function webhookDeliverySettings(config: Config): WebhookDeliverySettings {
  // Production never delivers to a private or loopback address (docs/webhooks.md, SSRF).
  return { baseUrl: config.baseUrl, allowPrivateAddresses: !config.production }
}

export function startWebhooks(services: Services, config: Config, log: SchedulerLog): RunningScheduler | null {
  if (config.email.schedulerIntervalSeconds === 0) return null
  const deliveries = services.webhookDeliveries(webhookDeliverySettings(config))
  return startScheduler(() => deliveries.tick(), config.email.schedulerIntervalSeconds, log, 'webhook')
}
