// `sin`: one entry point, one file per command. Commands are loaded only when called, so the
// statutory engine answers quickly without loading the web server or the database drivers.
import { UsageError, type CliCommand, type CliIO } from './command.js'

type Loader = () => Promise<{ default: CliCommand }>

// Add a command here and in src/cli/commands/NAME.ts.
const commands: Record<string, { summary: string; load: Loader }> = {
  assess: { summary: 'Assess which notifications an incident needs (JSON in, JSON out)', load: () => import('./commands/assess.js') },
  deadline: { summary: 'The date N working days after a date', load: () => import('./commands/deadline.js') },
  'working-days': { summary: 'How many working days lie after one date up to another', load: () => import('./commands/working-days.js') },
  holidays: { summary: 'List or import England and Wales bank holidays', load: () => import('./commands/holidays.js') },
  serve: { summary: 'Start the web service', load: () => import('./commands/serve.js') },
  db: { summary: 'Bring the database up to date (sin db migrate)', load: () => import('./commands/db.js') },
  authority: { summary: 'Add a local authority', load: () => import('./commands/authority.js') },
  user: { summary: 'Add a user with a role in an authority, or disable one', load: () => import('./commands/user.js') },
  audit: { summary: 'Check the audit trail has not been tampered with (sin audit verify)', load: () => import('./commands/audit.js') },
  reminders: { summary: 'Send the alerts and reminders that are due, once (sin reminders run, for cron)', load: () => import('./commands/reminders.js') },
  token: { summary: 'Create, list or revoke API bearer tokens', load: () => import('./commands/token.js') },
  webhooks: { summary: 'Send the webhook deliveries that are due, once (sin webhooks run, for cron)', load: () => import('./commands/webhooks.js') },
  retention: { summary: 'Delete or anonymise records past their retention period (sin retention run [--dry-run])', load: () => import('./commands/retention.js') },
  backup: { summary: 'Copy the database to a backup file while the service runs (sin backup --out FILE)', load: () => import('./commands/backup.js') },
  restore: { summary: 'Restore a backup file into an empty database (sin restore FILE)', load: () => import('./commands/restore.js') },
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length))
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return [
    'Usage: sin COMMAND [OPTIONS]',
    '',
    'Serious incident notifications: the statutory engine and the service tools.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "sin COMMAND --help" for a command\'s options.',
    '',
  ].join('\n')
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage())
    return name === undefined ? 2 : 0
  }
  const entry = commands[name]
  if (!entry) {
    io.stderr(`sin: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  const command = (await entry.load()).default
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sin ${name}: ${error.message}\n`)
      return 2
    }
    throw error
  }
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
  env: process.env,
}

// Run when executed directly (bin/sin), not when imported by tests.
if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2), processIO).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`sin: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    },
  )
}
