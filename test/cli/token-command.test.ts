import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { sinBinary, sinInProcess } from '../../src/cli/run-sin.test-helper.js'
import { openDatabase } from '../../src/data/db.js'
import { createServices } from '../../src/services/index.js'

test('sin token create prints only the token, which then authenticates; list and revoke', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'sin-token-'))
  try {
    const env = { DATABASE_URL: `sqlite:${join(folder, 'sin.db')}`, NODE_ENV: 'development' }
    assert.equal((await sinBinary(['authority', 'add', '--code', 'TST', '--name', 'Test Borough Council'], '', env)).status, 0)
    const created = await sinBinary(['token', 'create', '--authority', 'tst', '--scope', 'read,write', '--name', 'Case system'], '', env)
    assert.equal(created.status, 0, created.stderr)
    assert.match(created.stdout, /^sin_[A-Za-z0-9_-]{43}\n$/, 'standard output is the token alone')
    const token = created.stdout.trim()
    const database = await openDatabase(env.DATABASE_URL)
    try {
      const holder = await createServices(database).apiTokens.authenticate(token)
      assert.ok(holder.ok && holder.holder.authority.code === 'TST' && holder.holder.scopes.join() === 'read,write')
    } finally {
      await database.close()
    }
    const listed = await sinBinary(['token', 'list'], '', env)
    assert.equal(listed.status, 0)
    assert.match(listed.stdout, /\tTST\tread,write\texpires .*\tCase system\n/)
    assert.ok(!listed.stdout.includes(token))
    const id = listed.stdout.split('\t')[0] ?? ''
    assert.equal((await sinBinary(['token', 'revoke', id], '', env)).status, 0)
    const again = await sinBinary(['token', 'revoke', id], '', env)
    assert.equal(again.status, 2)
    assert.match(again.stderr, /already-revoked/)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('sin token: bad input exits 2 with a message naming the option, and prints nothing', async () => {
  for (const [argv, message] of [
    [['token', 'create', '--authority', 'COV', '--scope', 'admin', '--name', 'x'], /--scope must be read, write or both/],
    [['token', 'create', '--authority', 'COV', '--scope', 'read'], /--name is required/],
    [['token', 'create', '--authority', 'COV', '--scope', 'read', '--name', 'x', '--expires-days', '0'], /--expires-days must be a whole number/],
    [['token', 'revoke'], /expected "sin token revoke ID"/],
    [['token', 'mint'], /expected "sin token create/],
  ] as const) {
    const result = await sinInProcess(argv)
    assert.equal(result.status, 2, argv.join(' '))
    assert.match(result.stderr, message)
    assert.equal(result.stdout, '')
  }
})
