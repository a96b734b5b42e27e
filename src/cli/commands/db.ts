import { loadConfig } from '../../config.js'
import { migrateToLatest, openDatabase } from '../../data/db.js'
import { UsageError, parseOptions, type CliCommand } from '../command.js'

const command: CliCommand = {
  name: 'db',
  summary: 'Bring the database up to date (sin db migrate)',
  help: `Usage: sin db migrate

Applies every database migration not yet applied to the database DATABASE_URL names
(sqlite:PATH, the default sqlite:data/sin.db, or postgres://…). The server also does this
when it starts; run it yourself before starting several server processes at once.
`,
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, true)
    if (positionals.length !== 1 || positionals[0] !== 'migrate') throw new UsageError('expected "sin db migrate"')
    const database = await openDatabase(loadConfig(io.env).databaseUrl)
    try {
      const { applied } = await migrateToLatest(database)
      io.stdout(applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`)
      return 0
    } finally {
      await database.close()
    }
  },
}
export default command
