// Helpers for API tests: the app with the demo loaded, tokens of each kind, and a JSON caller.
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Database } from '../../src/data/db.js'
import type { Scope } from '../../src/domain/permissions/api-scopes.js'
import { systemActor, type Services } from '../../src/services/index.js'
import { testApp } from '../../src/web/testing.js'

export interface Call {
  (method: string, url: string, options?: { token?: string | null; body?: unknown; ifMatch?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse & { json: <T = Record<string, unknown>>() => T }>
}

export async function tokenFor(services: Services, code: string, scopes: Scope[], name = `${scopes.join('+')} token`): Promise<{ token: string; id: string }> {
  const authority = await services.authorities.getByCode(code)
  assert.ok(authority)
  const created = await services.apiTokens.create(systemActor('test'), authority.id, { name, scopes })
  assert.ok(created.ok)
  return { token: created.token, id: created.id }
}

export function caller(app: FastifyInstance, defaultToken: string | null): Call {
  return async (method, url, options = {}) => {
    const token = options.token === undefined ? defaultToken : options.token
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    })
    return Object.assign(response, { json: <T>() => JSON.parse(response.body) as T })
  }
}

/** The app with the demo, and tokens: COV read+write, read only, write only; DEMO read+write. */
export async function apiApp(database: Database, extend?: (app: FastifyInstance, services: Services) => void) {
  const built = await testApp(database, {}, extend)
  const { services } = built
  const tokens = {
    both: await tokenFor(services, 'COV', ['read', 'write']),
    read: await tokenFor(services, 'COV', ['read']),
    write: await tokenFor(services, 'COV', ['write']),
    demo: await tokenFor(services, 'DEMO', ['read', 'write']),
  }
  return { ...built, tokens, call: caller(built.app, tokens.both.token) }
}

/** A complete record over the API, as the incident tests' helpers build one through the services. */
export const RECORD = {
  awareness: { awareDate: '2026-11-23', source: 'hospital' },
  incident: { incidentDate: '2026-11-20', outline: 'Test outline (fictional).', location: 'this_area' },
  abuse: { abuseOrNeglect: 'suspected', kinds: ['physical'] },
  safeguarding: { agencies: 'Police (fictional)', otherChildrenAtRisk: 'no', actionTaken: 'Safety plan (fictional).' },
  child: {
    nameStatus: 'known', name: 'Child Test Demo', approximateAge: 5, sex: 'not_known', ethnicity: 'not_stated', disability: 'no', normallyResident: true, lookedAfter: false,
    careLeaver: false, childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'no', education: 'in_school', outcome: 'seriously_harmed',
  },
} as const
