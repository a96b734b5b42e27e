import { existsSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { loadConfig } from '../../config.js'
import { BackupError, parseBackupKey, writeBackupFile } from '../../data/backup/file.js'
import { dialectOf, snapshot } from '../../data/backup/stores.js'
import { UsageError, parseOptions, requireOption, type CliCommand } from '../command.js'

const command: CliCommand = {
  name: 'backup',
  summary: 'Copy the database to a backup file while the service runs (sin backup --out FILE)',
  help: `Usage: sin backup --out FILE

Writes a consistent copy of the database DATABASE_URL names to FILE, while the service goes on
working: SQLite through its online backup API, PostgreSQL through pg_dump (custom format; the
PostgreSQL client tools must be on PATH). FILE must not exist yet.

When SIN_BACKUP_KEY is set (32 random bytes as 64 hex digits or base64, for example from
"openssl rand -base64 32") the file is encrypted with AES-256-GCM. Keep the key apart from the
backups. See docs/backup-and-restore.md.

Exit status 0: written. Exit status 2: bad input (FILE exists, a bad key, no database).
`,
  async run(argv, io) {
    const { values } = parseOptions(argv, { out: { type: 'string' } })
    const out = requireOption(values, 'out')
    if (existsSync(out)) throw new UsageError(`${out} already exists: choose a new file name`)
    const config = loadConfig(io.env)
    // Written under a temporary name beside FILE and renamed at the end, so FILE is whole or absent.
    const working = join(dirname(out), `.sin-backup-${process.pid}-${Date.now()}`)
    try {
      const key = parseBackupKey(io.env.SIN_BACKUP_KEY)
      const migration = await snapshot(config.databaseUrl, `${working}.snapshot`)
      const header = await writeBackupFile(`${working}.snapshot`, `${working}.partial`, { kind: dialectOf(config.databaseUrl), migration }, key)
      renameSync(`${working}.partial`, out)
      io.stdout(`Backed up the ${header.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database to ${out}${key ? ', encrypted with SIN_BACKUP_KEY' : ' (not encrypted: set SIN_BACKUP_KEY to encrypt)'}.\n`)
      return 0
    } catch (error) {
      if (error instanceof BackupError) throw new UsageError(error.message)
      throw error
    } finally {
      // Reading the SQLite copy's last migration can leave its -wal and -shm files.
      for (const suffix of ['.snapshot', '.snapshot-wal', '.snapshot-shm', '.partial']) rmSync(`${working}${suffix}`, { force: true })
    }
  },
}
export default command
