// The reminder scheduler inside the server: a tick at once on start, then every
// SCHEDULER_INTERVAL_SECONDS. Ticks never overlap within a process; across processes the
// delivery keys make each email exactly-once, so several servers (and cron) may all run it.
import type { Config } from '../config.js'
import { senderFor } from '../services/email.js'
import type { ReminderSettings, Services } from '../services/index.js'

export interface SchedulerLog {
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

export function reminderSettings(config: Config, log?: SchedulerLog): ReminderSettings {
  return {
    sender: senderFor(config.email),
    baseUrl: config.baseUrl,
    reminderPoints: config.email.reminderPoints,
    dailyDigest: config.email.dailyDigest,
    ...(log ? { log: (details) => log.warn(details, 'An email could not be sent') } : {}),
  }
}

export interface RunningScheduler {
  /** Stops the timer and waits for a tick in progress to finish. */
  stop(): Promise<void>
}

export function startScheduler(tick: () => Promise<unknown>, intervalSeconds: number, log: SchedulerLog, what = 'reminder'): RunningScheduler {
  let running: Promise<void> | null = null
  const run = () => {
    if (running) return
    running = tick()
      .then(() => undefined, (error: unknown) => log.error({ error: error instanceof Error ? error.name : 'unknown' }, `The ${what} scheduler tick failed`))
      .finally(() => {
        running = null
      })
  }
  run()
  const timer = intervalSeconds > 0 ? setInterval(run, intervalSeconds * 1000) : null
  timer?.unref()
  return {
    async stop() {
      if (timer) clearInterval(timer)
      await running
    },
  }
}

/** The server's scheduler, unless SCHEDULER_INTERVAL_SECONDS is 0 (cron runs `sin reminders run`). */
export function startReminders(services: Services, config: Config, log: SchedulerLog): RunningScheduler | null {
  if (config.email.schedulerIntervalSeconds === 0) return null
  const reminders = services.reminders(reminderSettings(config, log))
  return startScheduler(() => reminders.tick(), config.email.schedulerIntervalSeconds, log)
}
