// What the database commands share: the database DATABASE_URL names, migrated, with services.
import { loadConfig } from '../config.js'
import { migrateToLatest, openDatabase, type Database } from '../data/db.js'
import { createServices, type Services } from '../services/index.js'
import type { CliIO } from './command.js'

/** Opens the configured database, brings it up to date, runs `body`, and always closes it. */
export async function withServices<T>(io: CliIO, body: (services: Services, database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env)
  const database = await openDatabase(config.databaseUrl)
  try {
    await migrateToLatest(database)
    return await body(createServices(database, { webhookSecretKey: config.webhookSecretKey ?? null }), database)
  } finally {
    await database.close()
  }
}
