// The OpenAPI document: valid OpenAPI 3.1, every /api/v1 route in the router is in it and nothing
// else is; the readable docs page is drawn from it. And POST /assessments against every contract
// example, answering exactly what `sin assess` answers.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { repoRoot } from '../../../cli/run-sin.test-helper.js'
import { forEachDatabase } from '../../../../test/helpers/databases.js'
import { apiApp } from '../../../../test/helpers/api.js'
import { isApiAccess } from '../../plugins/access.js'
import { assessmentInputSchema } from './assessments.js'

type Doc = { openapi: string; paths: Record<string, Record<string, { 'x-access': unknown; security: unknown[] }>>; components: { securitySchemes: Record<string, { scheme: string }> } }

forEachDatabase('API: the OpenAPI 3.1 document is valid and lists exactly the routes the router has', async (database) => {
  const { app } = await apiApp(database)
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  assert.equal(response.statusCode, 200)
  const document = JSON.parse(response.body) as Doc
  const validator = new Validator()
  const result = await validator.validate(document)
  assert.equal(validator.version, '3.1')
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2)?.slice(0, 2000))
  assert.equal(document.components.securitySchemes.bearerAuth?.scheme, 'bearer')

  const inRouter = app
    .declaredRoutes()
    .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.url !== '/api/v1/openapi.json')
    .map((r) => `${r.method} ${r.url.replace('/api/v1', '').replace(/:([A-Za-z]+)/g, '{$1}')}`)
    .sort()
  const inDocument = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).sort()
  assert.deepEqual(inDocument, inRouter)
  for (const route of app.declaredRoutes().filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json')) {
    assert.ok(isApiAccess(route.access), `${route.method} ${route.url} declares { scope, action }`)
    const op = document.paths[route.url.replace('/api/v1', '').replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()]
    if (op) assert.deepEqual(op['x-access'], route.access, 'the document shows the access the router enforces')
  }

  const docs = await app.inject({ method: 'GET', url: '/api/docs' })
  assert.equal(docs.statusCode, 200)
  assert.match(String(docs.headers['content-type']), /^text\/html/)
  for (const path of Object.keys(document.paths)) assert.ok(docs.body.includes(`/api/v1${path}`), `the docs page shows ${path}`)
  assert.doesNotMatch(docs.body, /<script(?![^>]*nonce)/, 'no inline scripts without the nonce')
  await app.close()
})

interface Example { name: string; input: Record<string, unknown>; expected: Record<string, unknown> }
const fixtures = join(repoRoot, 'test/fixtures/contract')

forEachDatabase('API: POST /assessments answers every contract example as `sin assess` does', async (database) => {
  const { app, call, tokens } = await apiApp(database)
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.json'))
  assert.equal(files.length, 8)
  for (const file of files) {
    const example = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Example
    assert.ok(assessmentInputSchema.safeParse(example.input).success, `${example.name}: the documented schema accepts the example`)
    const response = await call('POST', '/api/v1/assessments', { body: example.input, token: tokens.read.token })
    assert.equal(response.statusCode, 200, `${example.name}: ${response.body}`)
    const answer = response.json()
    assert.deepEqual(Object.fromEntries(Object.keys(example.expected).map((k) => [k, answer[k]])), example.expected, example.name)
    assert.ok(Array.isArray(answer.reasons) && answer.reasons.length > 0)
  }
  // The contract's bad input: a message naming each field (the command's exit 2 is a 400 here).
  const base = { awareDate: '2026-03-02', outcome: 'died', abuseOrNeglect: 'known', location: 'this_area', normallyResident: true }
  const cases: [Record<string, unknown>, string][] = [
    [{ ...base, awareDate: undefined }, 'awareDate'],
    [{ ...base, outcome: 'lost' }, 'outcome'],
    [{ ...base, normallyResident: 'yes' }, 'normallyResident'],
    [{ ...base, awareDate: '2026-02-30' }, 'awareDate'],
    [{ ...base, incidentDate: '2026-03-05' }, 'incidentDate'],
    [{ ...base, incidentDate: '2026-03-01', child: { dateOfBirth: '2026-03-02' } }, 'child.dateOfBirth'],
  ]
  for (const [body, field] of cases) {
    const response = await call('POST', '/api/v1/assessments', { body, token: tokens.read.token })
    assert.equal(response.statusCode, 400, field)
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)
    assert.ok(fields.includes(field), `${field} named in ${JSON.stringify(fields)}`)
  }
  const outside = await call('POST', '/api/v1/assessments', { body: { ...base, awareDate: '2099-03-02' }, token: tokens.read.token })
  assert.equal(outside.statusCode, 400, 'a count beyond the calendar is bad input, never a guess')
  await app.close()
})
