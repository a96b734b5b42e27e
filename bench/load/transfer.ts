// Bytes on the wire, compressed, as a browser with an empty cache fetches a page: the page, the
// stylesheets, scripts and icons it names, the fonts its stylesheet names (woff2, which every
// current browser takes) and the modules a script imports. A later page costs its HTML and
// anything it names that the first visit did not already fetch (our assets are cached for a year).
import { request } from 'node:http'
import { BROWSER_HEADERS } from './targets.js'

interface Fetched {
  readonly bytes: number
  readonly body: string
  readonly type: string
}

/** One GET; `bytes` counts the status line, headers and body exactly as they arrived. */
function get(url: string, cookie: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...BROWSER_HEADERS, accept: '*/*', cookie } }, (res) => {
      let bytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2
      for (let i = 0; i < res.rawHeaders.length; i += 2) bytes += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        chunks.push(chunk)
      })
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400) return reject(new Error(`${url} answered ${res.statusCode}`))
        // Only uncompressed text is read for links; a compressed body's links are read from a second, plain fetch.
        resolve({ bytes, body: res.headers['content-encoding'] ? '' : Buffer.concat(chunks).toString('utf8'), type: res.headers['content-type'] ?? '' })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** The same resource uncompressed, to read the links inside it. */
function plain(url: string, cookie: string): Promise<string> {
  return fetch(url, { headers: { ...BROWSER_HEADERS, 'accept-encoding': 'identity', accept: '*/*', cookie } }).then((r) => r.text())
}

function linksIn(text: string, type: string, base: string): string[] {
  const found = new Set<string>()
  const add = (path: string) => found.add(new URL(path, base).toString())
  if (type.includes('html')) for (const m of text.matchAll(/(?:href|src)="(\/assets\/[^"]+)"|from\s+'(\/assets\/[^']+)'|import\s*\(?\s*'(\/assets\/[^']+)'/g)) add((m[1] ?? m[2] ?? m[3] ?? '').replaceAll('&amp;', '&'))
  if (type.includes('css')) for (const m of text.matchAll(/url\(\s*["']?([^"')]+\.woff2[^"')]*)["']?\s*\)/g)) add(m[1] as string)
  if (type.includes('javascript')) for (const m of text.matchAll(/(?:import|from)\s*\(?\s*["'](\.{0,2}\/[^"']+\.m?js[^"']*)["']/g)) add(m[1] as string)
  return [...found]
}

export interface TransferFigures {
  readonly firstVisitKb: number
  readonly laterPageKb: number
  readonly firstVisitFiles: number
}

/** `first` is visited with an empty cache, then `later` with what the first visit fetched. */
export async function transfer(base: string, cookie: string, first: string, later: string): Promise<TransferFigures> {
  const seen = new Set<string>()
  async function visit(path: string): Promise<number> {
    let total = 0
    const queue = [new URL(path, base).toString()]
    while (queue.length > 0) {
      const url = queue.shift() as string
      if (seen.has(url)) continue
      seen.add(url)
      const fetched = await get(url, cookie)
      total += fetched.bytes
      const text = fetched.body || (/html|css|javascript/.test(fetched.type) ? await plain(url, cookie) : '')
      queue.push(...linksIn(text, fetched.type, url))
    }
    return total
  }
  const firstBytes = await visit(first)
  const firstFiles = seen.size
  const laterBytes = await visit(later)
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
  return { firstVisitKb: kb(firstBytes), laterPageKb: kb(laterBytes), firstVisitFiles: firstFiles }
}
