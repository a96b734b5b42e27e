// Starts the service: open and migrate the database, load the demo outside production, listen,
// and close gracefully on SIGTERM or SIGINT (finishing requests in flight, then the database).
import type { FastifyInstance } from 'fastify'
import { loadConfig, type Config } from './config.js'
import { migrateToLatest, openDatabase } from './data/db.js'
import { createServices, type DemoResult } from './services/index.js'
import { buildApp } from './web/app.js'
import { startReminders } from './jobs/scheduler.js'
import { startWebhooks } from './jobs/webhooks.js'
import { startRetention } from './jobs/retention.js'

export interface RunningServer {
  readonly app: FastifyInstance
  /** The address it listens on, such as http://127.0.0.1:3000. */
  readonly url: string
  close(): Promise<void>
}

function printDemoSignIns(demo: DemoResult, url: string): void {
  const lines = [
    '',
    'Demo accounts (not for production; the same password for each):',
    ...demo.signIns.map((s) => `  ${s.role.padEnd(15)} ${s.email}${s.authorities.length > 1 ? `  (${s.authorities.join(', ')})` : ''}`),
    `  password        ${demo.password}`,
    '',
    `Sign in at ${url}/sign-in`,
    '',
  ]
  console.log(lines.join('\n'))
}

export interface StartOptions {
  /** Tests listen on a random port (0) and keep the log quiet. */
  readonly quiet?: boolean
  /** Leaves signal handling to the caller (tests start several servers). */
  readonly handleSignals?: boolean
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const database = await openDatabase(config.databaseUrl)
  await migrateToLatest(database)
  const services = createServices(database, { webhookSecretKey: config.webhookSecretKey ?? null })
  // Production never loads the demo (config makes loadDemo false there).
  const demo = config.loadDemo && !config.production ? await services.loadDemo() : null

  const app = await buildApp({ config, services, ...(options.quiet ? { logger: false } : {}) })
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  if (demo && !options.quiet) printDemoSignIns(demo, url)
  // After listening, so the first tick's links and the log belong to a running service.
  const scheduler = startReminders(services, config, app.log)
  const webhooks = startWebhooks(services, config, app.log)
  const retention = startRetention(services, config, app.log)

  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= Promise.all([scheduler?.stop(), webhooks?.stop(), retention?.stop()]).then(() => app.close()).then(() => database.close())
    return closing
  }
  if (options.handleSignals !== false) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'Closing')
        close().then(
          () => process.exit(0),
          (error: unknown) => {
            app.log.error({ err: error }, 'Could not close cleanly')
            process.exit(1)
          },
        )
      })
    }
  }
  return { app, url, close }
}

// Run directly (npm start, npm run start:prod): configuration from the environment.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await startServer(loadConfig(process.env))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}
