// Records the demo does not hold, made through the services for the authorisation matrix, in the
// user's own authority (COV) and in another (DEMO): a webhook endpoint, an API token, a single
// sign-on identity linked to a user, and an import upload, which is its uploader's alone.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { Database } from '../../src/data/db.js'
import { readSpreadsheet } from '../../src/services/spreadsheets.js'
import { systemActor, type Actor, type Services } from '../../src/services/index.js'
import { actorFor } from '../helpers/incidents.js'

/** Path parameter values naming one authority's records. */
export interface RecordIds {
  readonly endpointId: string
  readonly tokenId: string
  /** Linked to `userId`. */
  readonly identityId: string
  readonly userId: string
  /** The import upload, for /incidents/import/:id. */
  readonly uploadId: string
}

const operator = systemActor('authorisation matrix')

async function recordsOf(services: Services, db: Database['db'], code: 'COV' | 'DEMO', userEmail: string, uploaderEmail: string): Promise<RecordIds> {
  const authority = await services.authorities.getByCode(code)
  assert.ok(authority, code)
  const endpoint = await services.webhooks({ production: false }).add(operator, authority.id, { url: `https://receiver.${code.toLowerCase()}.example.test/hooks`, events: ['incident.recorded'] })
  assert.ok(endpoint.ok, `${code} webhook endpoint`)
  const token = await services.apiTokens.create(operator, authority.id, { name: `Matrix token (${code})`, scopes: ['read'] })
  assert.ok(token.ok, `${code} API token`)
  const user = await db.selectFrom('users').select('id').where('email', '=', userEmail).executeTakeFirstOrThrow()
  const linked = await services.singleSignOn.link(operator, null, user.id, { issuer: 'https://login.example.test/matrix/v2.0', subject: `matrix-${code}` })
  assert.ok(linked.ok, `${code} identity`)
  const identity = (await services.singleSignOn.identitiesOf(user.id)).find((i) => i.subject === `matrix-${code}`)
  assert.ok(identity, `${code} identity listed`)
  const table = await readSpreadsheet('tracker-clean.csv', readFileSync('test/fixtures/import/tracker-clean.csv'))
  assert.ok(table.ok)
  const uploader = (await actorFor(services, uploaderEmail, code)) as Actor & { kind: 'user' }
  const upload = await services.imports.upload(uploader, authority.id, 'tracker-clean.csv', table)
  assert.ok(upload.ok, `${code} upload`)
  return { endpointId: endpoint.id, tokenId: token.id, identityId: identity.id, userId: user.id, uploadId: upload.id }
}

/**
 * `own`: COV's records; the identity is linked to `ownUser` and the upload is `uploader`'s.
 * `other`: DEMO's, its identity linked to and its upload made by `otherUser` (DEMO's practitioner).
 */
export async function matrixRecords(services: Services, db: Database['db'], emails: { ownUser: string; uploader: string; otherUser: string }): Promise<{ own: RecordIds; other: RecordIds }> {
  return {
    own: await recordsOf(services, db, 'COV', emails.ownUser, emails.uploader),
    other: await recordsOf(services, db, 'DEMO', emails.otherUser, emails.otherUser),
  }
}
