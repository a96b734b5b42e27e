import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, DEVELOPMENT_SESSION_SECRET, loadConfig } from './config.js'

const secret = 'a-production-secret-of-at-least-32-characters'

test('a newcomer needs no settings: the defaults serve the demo on this machine only', () => {
  const config = loadConfig({})
  assert.equal(config.port, 3000)
  assert.equal(config.host, '127.0.0.1')
  assert.equal(config.databaseUrl, 'sqlite:data/sin.db')
  assert.equal(config.sessionSecret, DEVELOPMENT_SESSION_SECRET)
  assert.equal(config.cookieSecure, false)
  assert.equal(config.loadDemo, true)
})

test('production refuses to start without its secrets, listing every problem at once', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('SESSION_SECRET')) && error.problems.some((p) => p.startsWith('BASE_URL')),
  )
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: DEVELOPMENT_SESSION_SECRET, BASE_URL: 'https://sin.example.gov.uk' }), /development default/)
  assert.throws(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, BASE_URL: 'http://sin.example.gov.uk' }), /https/)
})

test('production: secure cookies, all interfaces, and never the demo', () => {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, BASE_URL: 'https://sin.example.gov.uk', LOAD_DEMO: 'true', EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail.example.gov.uk:587' })
  assert.equal(config.cookieSecure, true)
  assert.equal(config.host, '0.0.0.0')
  assert.equal(config.loadDemo, false)
})

test('every bad variable is named', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short', LOG_LEVEL: 'loud', COOKIE_SECURE: 'perhaps' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      ['PORT', 'DATABASE_URL', 'SESSION_SECRET', 'LOG_LEVEL', 'COOKIE_SECURE'].every((name) => error.problems.some((p) => p.startsWith(name))),
  )
})

test('settings are read from the environment', () => {
  const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://sin@db/sin', LOAD_DEMO: 'false', TRUST_PROXY: 'true', HOST: '0.0.0.0', LOG_LEVEL: 'warn' })
  assert.deepEqual([config.port, config.databaseUrl, config.loadDemo, config.trustProxy, config.host, config.logLevel], [8080, 'postgres://sin@db/sin', false, true, '0.0.0.0', 'warn'])
})
