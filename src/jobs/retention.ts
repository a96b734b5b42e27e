// The retention run inside the server: once soon after start, then once a day. Several servers
// may all run it: each case is re-checked inside its own transaction, so a case handled by one
// is skipped by the others. SCHEDULER_INTERVAL_SECONDS=0 turns it off with the reminders (cron
// then runs `sin retention run`).
import type { Config } from '../config.js'
import type { RetentionRunResult, Services } from '../services/index.js'
import type { RunningScheduler, SchedulerLog } from './scheduler.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** The run's counts, one line each, for the command line and the log. */
export function runSummary(result: RetentionRunResult): string {
  const lines = Object.entries(result.counts).map(([kind, n]) => `${kind.replace(/_/g, ' ')}: ${n}`)
  return `${result.dryRun ? 'Dry run: nothing was changed. Would have done:' : 'Retention run done:'}\n${lines.join('\n') || 'nothing to do'}\n`
}

export function startRetention(services: Services, config: Config, log: SchedulerLog & { info(details: object, message: string): void }): RunningScheduler | null {
  if (config.email.schedulerIntervalSeconds === 0) return null
  let running: Promise<void> | null = null
  const run = () => {
    if (running) return
    running = services.retention.run()
      .then((result) => log.info({ counts: result.counts }, 'Retention run done'), (error: unknown) => log.error({ error: error instanceof Error ? error.name : 'unknown' }, 'The retention run failed'))
      .finally(() => { running = null })
  }
  const first = setTimeout(run, 60_000)
  const timer = setInterval(run, DAY_MS)
  first.unref()
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}
