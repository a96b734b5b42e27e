// One webhook POST, guarded. Redirects are never followed (a 3xx is a failed attempt), the whole
// exchange has a short timeout, and outside development the address the name resolves to must be
// a public one: the check runs inside the connection's own DNS lookup, so a name cannot resolve
// to a public address for the check and a private one for the connection (DNS rebinding).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { BlockList, isIP } from 'node:net'

/** Loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT and the like. */
const NOT_PUBLIC = new BlockList()
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) NOT_PUBLIC.addSubnet(net, prefix, 'ipv6')

export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return !NOT_PUBLIC.check(mapped, 'ipv4')
  return !NOT_PUBLIC.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

class BlockedAddress extends Error {
  override readonly name = 'BlockedAddress'
  readonly code = 'BLOCKED_ADDRESS'
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '')
    const list = addresses
    if (list.length === 0 || !list.every((a) => isPublicAddress(a.address))) return callback(new BlockedAddress('not a public address'), '')
    if (options.all) return callback(null, list)
    const first = list[0] as LookupAddress
    return callback(null, first.address, first.family)
  })
}

export interface PostResult {
  readonly statusCode: number | null
  readonly durationMs: number
  /** null on a 2xx; otherwise a class, never a message that could echo a header or the secret. */
  readonly error: string | null
}

export interface PostOptions {
  readonly timeoutMs: number
  /** Development and tests deliver to localhost; production never to a private address. */
  readonly allowPrivateAddresses: boolean
}

function errorClass(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'BLOCKED_ADDRESS') return 'blocked_address'
  if (code === 'ECONNREFUSED') return 'connection_refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns'
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') return 'timeout'
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection_reset'
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return 'tls'
  return 'network'
}

export function postJson(target: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostResult> {
  const started = performance.now()
  const done = (statusCode: number | null, error: string | null): PostResult => ({ statusCode, durationMs: Math.round(performance.now() - started), error })
  const url = new URL(target)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!options.allowPrivateAddresses && isIP(host) !== 0 && !isPublicAddress(host)) return Promise.resolve(done(null, 'blocked_address'))
  return new Promise((resolve) => {
    let settled = false
    // Whichever comes first (answer, error or deadline) decides; the rest are ignored.
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      resolve(done(statusCode, error))
    }
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'serious-incident-notifications-webhooks/1', ...headers },
      ...(options.allowPrivateAddresses ? {} : { lookup: guardedLookup }),
    })
    const deadline = setTimeout(() => {
      finish(null, 'timeout')
      request.destroy()
    }, options.timeoutMs)
    request.on('error', (error) => finish(null, errorClass(error)))
    request.on('response', (response) => {
      const code = response.statusCode ?? 0
      // The body is never read into the log; drain it so the socket is freed.
      response.resume()
      response.on('end', () => finish(code, code >= 200 && code < 300 ? null : code >= 300 && code < 400 ? 'redirect_not_followed' : `http_${code}`))
      response.on('error', (error) => finish(code, errorClass(error)))
    })
    request.end(body)
  })
}
