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

test('production refuses a remote PostgreSQL without verify-full TLS, naming the setting, unless the network is declared encrypted', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: secret, BASE_URL: 'https://sin.example.gov.uk', EMAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail.example.gov.uk:587' }
  const remote = 'postgres://sin:pw@db.sin.example.gov.uk:5432/sin'
  for (const url of [remote, `${remote}?sslmode=require`, `${remote}?sslmode=disable`, `${remote}?sslmode=prefer`, 'postgresql://sin@10.0.0.5/sin?sslmode=no-verify']) {
    assert.throws(() => loadConfig({ ...production, DATABASE_URL: url }), (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('DATABASE_URL must end with ?sslmode=verify-full') && p.includes('DATABASE_NETWORK_ENCRYPTED')), url)
  }
  for (const url of [`${remote}?sslmode=verify-full`, `${remote}?sslmode=verify-ca&sslrootcert=/etc/ssl/db-ca.pem`, 'postgres://sin@127.0.0.1:5432/sin', 'postgres://sin@localhost/sin', 'postgres://sin@[::1]:5432/sin', 'postgres:///sin?host=/var/run/postgresql', 'sqlite:data/sin.db']) {
    assert.equal(loadConfig({ ...production, DATABASE_URL: url }).databaseUrl, url, url)
  }
  assert.equal(loadConfig({ ...production, DATABASE_URL: remote, DATABASE_NETWORK_ENCRYPTED: 'true' }).databaseUrl, remote, 'the documented override')
  assert.equal(loadConfig({ DATABASE_URL: remote }).databaseUrl, remote, 'outside production any database will do')
})

test('SIN_OIDC_PROVIDERS: requiredAcr and requiredAmr are lists of single values, read when given', () => {
  const provider = { id: 'entra', name: 'Microsoft', issuer: 'https://login.example.test/tenant/v2.0', clientId: 'id', clientSecret: 'secret' }
  const [read] = loadConfig({ SIN_OIDC_PROVIDERS: JSON.stringify([{ ...provider, requiredAcr: ['urn:example:loa:2'], requiredAmr: ['mfa', 'hwk'] }]) }).oidcProviders
  assert.deepEqual([read?.requiredAcr, read?.requiredAmr], [['urn:example:loa:2'], ['mfa', 'hwk']])
  assert.equal(loadConfig({ SIN_OIDC_PROVIDERS: JSON.stringify([provider]) }).oidcProviders[0]?.requiredAmr, undefined, 'no requirement unless set')
  for (const [field, value] of [['requiredAcr', []], ['requiredAmr', ['two words']], ['requiredAmr', 'mfa']] as const) {
    assert.throws(() => loadConfig({ SIN_OIDC_PROVIDERS: JSON.stringify([{ ...provider, [field]: value }]) }), (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith(`SIN_OIDC_PROVIDERS 0.${field}`)), `${field}: ${JSON.stringify(value)}`)
  }
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

test('API_REQUESTS_PER_MINUTE: 300 per token unless set, a whole number of at least 1', () => {
  assert.equal(loadConfig({}).apiRequestsPerMinute, 300)
  assert.equal(loadConfig({ API_REQUESTS_PER_MINUTE: '6000' }).apiRequestsPerMinute, 6000)
  assert.throws(() => loadConfig({ API_REQUESTS_PER_MINUTE: '0' }), (error: unknown) => error instanceof ConfigError && error.problems.some((p) => p.startsWith('API_REQUESTS_PER_MINUTE')))
})
