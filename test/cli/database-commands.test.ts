// The database commands, run as a newcomer or operator would: ./bin/sin as a child process,
// with DATABASE_URL pointing at a temporary SQLite file.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { openDatabase } from '../../src/data/db.js'

let dir = ''
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sin-cli-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

function sin(args: string[], input = '') {
  const result = spawnSync('./bin/sin', args, { input, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: `sqlite:${join(dir, 'sin.db')}` } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const password = 'copper kettle meadow\n'

test('sin db migrate brings the database up to date, once', () => {
  assert.deepEqual([sin(['db', 'migrate']).status, sin(['db', 'migrate']).stdout], [0, 'The database is up to date.\n'])
  assert.equal(sin(['db', 'sideways']).status, 2)
})

test('sin authority add adds an authority; a taken code or missing name is refused with exit 2', () => {
  const added = sin(['authority', 'add', '--code', 'fic', '--name', 'Fictional City Council', '--partnership-email', 'partnership@fictional.example'])
  assert.deepEqual([added.status, added.stdout], [0, 'Added Fictional City Council (FIC).\n'])
  const taken = sin(['authority', 'add', '--code', 'FIC', '--name', 'Again'])
  assert.equal(taken.status, 2)
  assert.match(taken.stderr, /already exists/)
  assert.match(sin(['authority', 'add', '--code', 'NEW']).stderr, /--name is required/)
  assert.match(sin(['authority', 'add', '--code', '1', '--name', 'Bad code']).stderr, /code/)
  assert.equal(sin(['authority', 'add', '--code', 'X', '--name', 'Y', '--colour', 'blue']).status, 2)
})

test('sin user add reads the password from standard input and refuses weak ones', () => {
  const args = ['user', 'add', '--email', 'Fi.Admin@Fictional.Example', '--name', 'Fi Admin (fictional)', '--role', 'admin', '--authority', 'fic']
  const weak = sin(args, 'password12345678\n')
  assert.equal(weak.status, 2)
  assert.match(weak.stderr, /harder to guess/)
  assert.match(sin(args, 'short\n').stderr, /15 characters or more/)
  const added = sin(args, password)
  assert.deepEqual([added.status, added.stdout], [0, 'Added fi.admin@fictional.example the role admin in Fictional City Council.\n'])
  assert.match(sin(args, password).stderr, /already has a role/)
  assert.match(sin(['user', 'add', '--email', 'a@b.example', '--name', 'A', '--role', 'chief', '--authority', 'FIC'], password).stderr, /--role must be one of practitioner/)
  assert.match(sin(['user', 'add', '--email', 'a@b.example', '--name', 'A', '--role', 'auditor', '--authority', 'NOPE'], password).stderr, /no authority with the code NOPE/)
  assert.equal(sin(['user', 'add', '--name', 'A', '--role', 'auditor', '--authority', 'FIC'], password).status, 2)
})

test('sin user disable stops the account signing in; an unknown email is exit 2', () => {
  const disabled = sin(['user', 'disable', '--email', 'fi.admin@fictional.example'])
  assert.deepEqual([disabled.status, disabled.stdout], [0, 'Disabled fi.admin@fictional.example and ended their sessions.\n'])
  assert.equal(sin(['user', 'disable', '--email', 'nobody@fictional.example']).status, 2)
  assert.equal(sin(['user', 'remove', '--email', 'x@y.example']).status, 2)
})

test('sin audit verify: exit 0 with the count, then exit 1 naming the entry after tampering', async () => {
  const intact = sin(['audit', 'verify'])
  assert.deepEqual([intact.status, intact.stdout], [0, 'The audit trail is intact: 3 entries checked.\n'])
  const database = await openDatabase(`sqlite:${join(dir, 'sin.db')}`)
  try {
    await sql`drop trigger audit_entries_no_update`.execute(database.db)
    await sql`update audit_entries set outcome = 'refused' where seq = 2`.execute(database.db)
  } finally {
    await database.close()
  }
  const broken = sin(['audit', 'verify'])
  assert.equal(broken.status, 1)
  assert.match(broken.stdout, /entry 2 \(id [0-9a-f-]{36}\) its contents do not match its hash/)
  assert.equal(sin(['audit', 'check']).status, 2)
})

test('every command explains itself with --help', () => {
  for (const command of ['serve', 'db', 'authority', 'user', 'audit']) {
    const help = sin([command, '--help'])
    assert.equal(help.status, 0, command)
    assert.match(help.stdout, /^Usage:\s+sin /, command)
  }
  assert.match(sin(['--help']).stdout, /audit +Check the audit trail/)
})

test('a bad DATABASE_URL is reported, not a stack trace', () => {
  const result = spawnSync('./bin/sin', ['db', 'migrate'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'mysql://nowhere' } })
  assert.equal(result.status, 1)
  assert.match(result.stderr, /DATABASE_URL must be postgres/)
})
