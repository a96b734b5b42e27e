// sin user link-sso and reset-mfa, run as an operator would: ./bin/sin with a temporary SQLite database.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { openDatabase } from '../../src/data/db.js'

let dir = ''
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sin-cli-sso-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

function sin(args: string[], input = '') {
  const result = spawnSync('./bin/sin', args, { input, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: `sqlite:${join(dir, 'sin.db')}` } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const ISSUER = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'

test('sin user link-sso links an identity once; bad input is exit 2 naming the option', async () => {
  assert.equal(sin(['db', 'migrate']).status, 0)
  assert.equal(sin(['authority', 'add', '--code', 'FIC', '--name', 'Fictional City Council']).status, 0)
  assert.equal(sin(['user', 'add', '--email', 'fi.worker@fictional.example', '--name', 'Fi Worker (fictional)', '--role', 'practitioner', '--authority', 'FIC'], 'copper kettle meadow\n').status, 0)
  const linked = sin(['user', 'link-sso', '--email', 'fi.worker@fictional.example', '--issuer', ISSUER, '--subject', 'fictional-subject-1'])
  assert.deepEqual([linked.status, linked.stdout], [0, `Linked fi.worker@fictional.example to the identity fictional-subject-1 at ${ISSUER}.\n`])
  const again = sin(['user', 'link-sso', '--email', 'fi.worker@fictional.example', '--issuer', ISSUER, '--subject', 'fictional-subject-1'])
  assert.deepEqual([again.status, again.stdout], [2, ''])
  assert.match(again.stderr, /already linked/)
  const badIssuer = sin(['user', 'link-sso', '--email', 'fi.worker@fictional.example', '--issuer', 'not a url', '--subject', 'x'])
  assert.equal(badIssuer.status, 2)
  assert.match(badIssuer.stderr, /--issuer/)
  assert.match(sin(['user', 'link-sso', '--email', 'nobody@fictional.example', '--issuer', ISSUER, '--subject', 'x']).stderr, /no account/)
  assert.match(sin(['user', 'link-sso', '--email', 'fi.worker@fictional.example', '--issuer', ISSUER]).stderr, /--subject is required/)
  const database = await openDatabase(`sqlite:${join(dir, 'sin.db')}`)
  const rows = await database.db.selectFrom('user_identities').select(['issuer', 'subject']).execute()
  await database.close()
  assert.deepEqual(rows, [{ issuer: ISSUER, subject: 'fictional-subject-1' }])
})

test('sin user reset-mfa removes an authenticator app so a new one is set up; none to remove is exit 2', async () => {
  const database = await openDatabase(`sqlite:${join(dir, 'sin.db')}`)
  const user = await database.db.selectFrom('users').select('id').where('email', '=', 'fi.worker@fictional.example').executeTakeFirstOrThrow()
  await database.db.insertInto('user_totp').values({ user_id: user.id, secret: 'DEMOONLYDEMOONLYDEMOONLYDEMOONLY', last_step: 0, enrolled_at: '2026-11-24T09:00:00.000Z' }).execute()
  await database.close()
  const reset = sin(['user', 'reset-mfa', '--email', 'fi.worker@fictional.example'])
  assert.equal(reset.status, 0)
  assert.match(reset.stdout, /^Removed the authenticator app and recovery codes of fi.worker@fictional.example/)
  const again = sin(['user', 'reset-mfa', '--email', 'fi.worker@fictional.example'])
  assert.deepEqual([again.status, again.stdout], [2, ''])
  assert.match(again.stderr, /has no authenticator app/)
  const after = await openDatabase(`sqlite:${join(dir, 'sin.db')}`)
  assert.equal((await after.db.selectFrom('user_totp').select('user_id').execute()).length, 0)
  const trail = await after.db.selectFrom('audit_entries').select(['action', 'actor']).where('action', '=', 'mfa.reset').execute()
  await after.close()
  assert.deepEqual(trail, [{ action: 'mfa.reset', actor: 'command line' }])
})
