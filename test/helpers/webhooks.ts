// Helpers for webhook tests: a real receiver on localhost (node:http) that records each delivery
// and answers what the test says, and the admins and settings the tests share.
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { systemActor, type Services, type WebhookDeliverySettings } from '../../src/services/index.js'
import { DEMO } from '../../src/web/testing.js'
import { actorFor } from './incidents.js'

export interface Received {
  readonly path: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

export interface Receiver {
  readonly url: string
  readonly received: Received[]
  close(): Promise<void>
}

/** `answer` gives each request's status code (200 unless told); `headers` for a redirect. */
export async function startReceiver(answer: (n: number) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 })): Promise<Receiver> {
  const received: Received[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      const { status, headers } = answer(received.length)
      response.writeHead(status, headers).end('{"received":true}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export const deliverySettings = (overrides: Partial<WebhookDeliverySettings> = {}): WebhookDeliverySettings => ({
  baseUrl: 'https://sin.example.gov.uk', allowPrivateAddresses: true, timeoutMs: 2_000, ...overrides,
})

/** Adds an endpoint as the demo admin (in COV) or the operator (elsewhere): its id and secret. */
export async function addEndpoint(services: Services, url: string, events: readonly string[], code = 'COV') {
  const admin = code === 'COV' ? await actorFor(services, DEMO.admin, code) : systemActor('operator')
  const authority = await services.authorities.getByCode(code)
  if (!authority) throw new Error(`no authority ${code}`)
  const added = await services.webhooks({ production: false }).add(admin, authority.id, { url, events })
  if (!added.ok) throw new Error(JSON.stringify(added))
  return { ...added, admin, authorityId: authority.id }
}
