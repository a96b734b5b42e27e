// The backup file (docs/backup-and-restore.md): a versioned header naming the kind of database it
// came from, the database's own snapshot (a SQLite file, or a pg_dump custom-format archive), and a
// trailer that proves the file whole. Plain files end with a SHA-256 of everything before it;
// encrypted ones are AES-256-GCM with the header as additional authenticated data, so neither the
// contents nor the header can be changed, and a wrong key is told apart from a good file.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Dialect } from '../db.js'

const MAGIC = 'SIN-BACKUP 1\n'
const MAX_HEADER = 4096
const HASH_LENGTH = 32
const TAG_LENGTH = 16

export interface BackupHeader {
  readonly format: 1
  /** The kind of database the snapshot came from, and so the only kind it restores into. */
  readonly kind: Dialect
  readonly createdAt: string
  /** The last migration the database had, so an operator can tell which release wrote it. */
  readonly migration: string | null
  /** null: not encrypted. */
  readonly encryption: { readonly algorithm: 'aes-256-gcm'; readonly iv: string } | null
}

/** A problem an operator can fix (a wrong key, a damaged file, a full target): exit status 2. */
export class BackupError extends Error {
  override readonly name = 'BackupError'
}

/** SIN_BACKUP_KEY: 32 random bytes, as 64 hex digits or base64 (`openssl rand -base64 32`). */
export function parseBackupKey(text: string | undefined): Buffer | null {
  if (text === undefined || text.trim() === '') return null
  const value = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/]{43}=?$/.test(value) ? Buffer.from(value, 'base64') : null
  if (!key || key.length !== 32) throw new BackupError('SIN_BACKUP_KEY must be 32 random bytes written as 64 hex digits or as base64 (for example from "openssl rand -base64 32")')
  return key
}

/** Passes bytes through while feeding them to a hash or cipher (whose output replaces them when `replace`). */
function through(sink: { update(data: Buffer): unknown }, replace: boolean): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out = sink.update(chunk)
      done(null, replace ? (out as Buffer) : chunk)
    },
  })
}

/** Writes `snapshotPath` as a backup file at `outPath` (which must not exist yet). */
export async function writeBackupFile(snapshotPath: string, outPath: string, meta: Pick<BackupHeader, 'kind' | 'migration'>, key: Buffer | null): Promise<BackupHeader> {
  const iv = key ? randomBytes(12) : null
  const header: BackupHeader = { format: 1, kind: meta.kind, createdAt: new Date().toISOString(), migration: meta.migration, encryption: iv ? { algorithm: 'aes-256-gcm', iv: iv.toString('base64') } : null }
  const preamble = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`)
  const out = createWriteStream(outPath, { flags: 'wx' })
  out.write(preamble)
  if (key && iv) {
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(preamble)
    await pipeline(createReadStream(snapshotPath), through(cipher, true), out, { end: false })
    out.write(cipher.final())
    out.end(cipher.getAuthTag())
  } else {
    const hash = createHash('sha256').update(preamble)
    await pipeline(createReadStream(snapshotPath), through(hash, false), out, { end: false })
    out.end(hash.digest())
  }
  await new Promise<void>((resolve, reject) => out.once('close', resolve).once('error', reject))
  return header
}

/** The header and where the snapshot starts; refuses a file that is not a backup. */
export function readBackupHeader(path: string): { header: BackupHeader; preamble: Buffer } {
  const fd = openSync(path, 'r')
  const start = Buffer.alloc(MAX_HEADER)
  const read = readSync(fd, start, 0, MAX_HEADER, 0)
  closeSync(fd)
  const text = start.subarray(0, read).toString('latin1')
  const end = text.indexOf('\n', MAGIC.length)
  if (!text.startsWith(MAGIC) || end < 0) throw new BackupError(`${path} is not a backup made by "sin backup" (or it is from a newer version)`)
  let header: BackupHeader
  try {
    header = JSON.parse(text.slice(MAGIC.length, end)) as BackupHeader
  } catch {
    throw new BackupError(`${path} has a damaged header`)
  }
  if (header.format !== 1 || (header.kind !== 'sqlite' && header.kind !== 'postgres')) throw new BackupError(`${path} has a header this version does not understand`)
  return { header, preamble: start.subarray(0, end + 1) }
}

/** Checks the file whole (and decrypts it) into `snapshotPath`; nothing there is usable unless this returns. */
export async function readBackupFile(path: string, snapshotPath: string, key: Buffer | null): Promise<BackupHeader> {
  const { header, preamble } = readBackupHeader(path)
  const size = statSync(path).size
  const trailerLength = header.encryption ? TAG_LENGTH : HASH_LENGTH
  if (size < preamble.length + trailerLength) throw new BackupError(`${path} is cut short`)
  const body = () => createReadStream(path, { start: preamble.length, end: size - trailerLength - 1 })
  const trailer = Buffer.alloc(trailerLength)
  const fd = openSync(path, 'r')
  readSync(fd, trailer, 0, trailerLength, size - trailerLength)
  closeSync(fd)
  const damaged = `${path} has been altered or damaged: it does not match its own check`
  if (header.encryption) {
    if (!key) throw new BackupError(`${path} is encrypted: set SIN_BACKUP_KEY to the key it was made with`)
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.encryption.iv, 'base64')).setAAD(preamble).setAuthTag(trailer)
    const out = createWriteStream(snapshotPath)
    await pipeline(body(), through(decipher, true), out, { end: false })
    try {
      out.end(decipher.final())
    } catch {
      out.end()
      throw new BackupError(`${path} could not be decrypted: SIN_BACKUP_KEY is not the key it was made with, or the file has been altered`)
    }
    await new Promise<void>((resolve, reject) => out.once('close', resolve).once('error', reject))
    return header
  }
  const hash = createHash('sha256').update(preamble)
  await pipeline(body(), through(hash, false), createWriteStream(snapshotPath))
  if (!hash.digest().equals(trailer)) throw new BackupError(damaged)
  return header
}
