// Profiles one page against a database seeded before (npm run bench -- web --reuse FILE): starts
// the service as the benchmark does with a V8 CPU profile, requests the page N times with a few
// connections, stops, and prints the functions that took the most time (self time), so a slow
// page's cause can be found without a profiler's user interface.
// Usage: node --import tsx bench/profile.ts FILE PATH [REQUESTS [CONNECTIONS]]   (PATH "case" = the seeded case)
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { openDatabase } from '../src/data/db.js'
import { DEMO_PASSWORD } from '../src/services/index.js'
import { buildServer, signIn, startBenchServer } from './load/server.js'
import { BROWSER_HEADERS } from './load/targets.js'

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, wanted = '/', requests = '2000', connections = '4'] = process.argv.slice(2)
if (!file) throw new Error('usage: bench/profile.ts FILE PATH [REQUESTS]')
let path = wanted
if (wanted === 'case') {
  const database = await openDatabase(`sqlite:${file}`)
  const row = await database.db.selectFrom('incidents').select('id').where('reference', 'like', 'COV-____-____').orderBy('reference').limit(1).executeTakeFirstOrThrow()
  await database.close()
  path = `/incidents/${row.id}`
}
const dir = mkdtempSync(join(tmpdir(), 'sin-profile-'))
process.env.BENCH_CPU_PROF = dir
await buildServer()
const server = await startBenchServer(`sqlite:${file}`)
const cookie = await signIn(server.url, 'business-unit@demo.example', DEMO_PASSWORD)
console.log(`peak RSS after start and sign-in: ${server.peakRssMb()} MB`)
const result = await autocannon({ url: `${server.url}${path}`, connections: Number(connections), amount: Number(requests), headers: { ...BROWSER_HEADERS, cookie } })
console.log(`${path}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`)
console.log(`peak RSS after the load: ${server.peakRssMb()} MB`)
await server.stop()

const profileFile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
if (!profileFile) throw new Error('no profile written')
const profile = JSON.parse(readFileSync(join(dir, profileFile), 'utf8')) as Profile
const selfTime = new Map<number, number>()
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
const byFunction = new Map<string, number>()
const byFile = new Map<string, number>()
for (const node of profile.nodes) {
  const ms = (selfTime.get(node.id) ?? 0) / 1000
  const where = node.callFrame.url.replace(/^.*\/(node_modules\/)?/, (m) => (m.includes('node_modules') ? 'nm:' : '')).replace(/^file:\/\//, '')
  const key = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms)
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(node.callFrame.url)?.[1] ?? (node.callFrame.url.includes('/dist/') ? 'ours' : node.callFrame.url ? 'node' : node.callFrame.functionName)
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + ms)
}
const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`).join('\n')
console.log(`by package:\n${top(byFile, 15)}\n\nby function (self time):\n${top(byFunction, 40)}`)
