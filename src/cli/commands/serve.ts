import { loadConfig, type Config } from '../../config.js'
import { UsageError, parseOptions, type CliCommand } from '../command.js'

interface ServerModule {
  startServer(config: Config): Promise<unknown>
}

function isServerModule(value: unknown): value is ServerModule {
  return typeof value === 'object' && value !== null && 'startServer' in value && typeof value.startServer === 'function'
}

const command: CliCommand = {
  name: 'serve',
  summary: 'Start the web service',
  help: `Usage: sin serve

Starts the web service with the settings in the environment (see .env.example): PORT
(default 3000), DATABASE_URL (default sqlite:data/sin.db) and the rest. Brings the database up
to date first. Outside production it loads the demo authorities and accounts on first start.
`,
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, true)
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const config = loadConfig(io.env)
    // Loaded only when serving, so the other commands never load the web framework.
    const server: unknown = await import(serverModulePath)
    if (!isServerModule(server)) throw new Error('src/server.ts does not export startServer(config)')
    await server.startServer(config)
    return 0
  },
}

const serverModulePath = '../../server.js'
export default command
