import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { loadConfig } from '../../config.js'
import { openDatabase } from '../../data/db.js'
import { BackupError, parseBackupKey, readBackupFile, readBackupHeader } from '../../data/backup/file.js'
import { dialectOf, putBack, tablesIn } from '../../data/backup/stores.js'
import { verifyAuditChain } from '../../services/audit.js'
import { UsageError, parseOptions, type CliCommand } from '../command.js'

const KIND = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const

const command: CliCommand = {
  name: 'restore',
  summary: 'Restore a backup file into an empty database (sin restore FILE)',
  help: `Usage: sin restore FILE

Restores a file written by "sin backup" into the database DATABASE_URL names, which must be
empty (no tables): a new SQLite path, or a newly created PostgreSQL database. It never
overwrites data. The backup must come from the same kind of database. Stop the service first.
An encrypted backup needs SIN_BACKUP_KEY set to the key it was made with. After restoring it
checks the audit trail's hash chain.

Exit status 0: restored and the audit trail is intact. Exit status 1: restored, but the audit
trail does not verify. Exit status 2: refused (the database is not empty, a wrong key, an
altered file, a different kind of database); nothing was changed.
`,
  async run(argv, io) {
    const { positionals } = parseOptions(argv, {}, true)
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError('expected "sin restore FILE"')
    const file = positionals[0]
    const config = loadConfig(io.env)
    const target = dialectOf(config.databaseUrl)
    // SQLite's snapshot is renamed into place, so it is written beside the target.
    const beside = target === 'sqlite' ? dirname(resolve(config.databaseUrl.slice('sqlite:'.length))) : dirname(resolve(file))
    mkdirSync(beside, { recursive: true })
    const working = join(beside, `.sin-restore-${process.pid}-${Date.now()}`)
    try {
      const key = parseBackupKey(io.env.SIN_BACKUP_KEY)
      const { header } = readBackupHeader(file)
      if (header.kind !== target) throw new BackupError(`${file} is a backup of a ${KIND[header.kind]} database, but DATABASE_URL names a ${KIND[target]} one`)
      const tables = await tablesIn(config.databaseUrl)
      if (tables > 0) throw new BackupError(`The database DATABASE_URL names is not empty (it has ${tables} tables). Restore only into an empty database: a new SQLite path, or a new PostgreSQL database (createdb).`)
      await readBackupFile(file, working, key)
      await putBack(config.databaseUrl, working)
      const database = await openDatabase(config.databaseUrl)
      const verdict = await verifyAuditChain(database).finally(() => database.close())
      io.stdout(`Restored ${file} (made ${header.createdAt}) into the ${KIND[target]} database.\n`)
      if (verdict.ok) {
        io.stdout(`The audit trail is intact: ${verdict.checked} entries checked.\n`)
        return 0
      }
      io.stdout(`The audit trail does not verify: entry ${verdict.firstBad.seq} ${verdict.firstBad.problem}.\n`)
      return 1
    } catch (error) {
      if (error instanceof BackupError) throw new UsageError(error.message)
      throw error
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${working}${suffix}`, { force: true })
    }
  },
}
export default command
