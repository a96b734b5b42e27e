// The crash harness (issue 8, item 5): runs the real service as a child process on a fresh store,
// streams writes through its forms, kills it with SIGKILL at a random moment, and after each kill
// checks the store (invariants.ts) before starting it again. The random delays come from a seed,
// printed, so a failing run can be repeated with CRASH_SEED.
import { openDatabase, type Dialect } from '../../src/data/db.js'
import { DEMO_PASSWORD } from '../../src/services/index.js'
import { freshStore } from './fresh-store.js'
import { checkStore } from './invariants.js'
import { START, STEPS, streamCases, type Acknowledged, type Browsers } from './journey.js'
import { HttpBrowser, ServiceGone, freePort, startServerProcess, type ServerProcess } from './server-process.js'

export interface HarnessOptions {
  readonly dialect: Dialect
  readonly kills: number
  readonly seed: number
  /** Cases recorded at once. */
  readonly workers?: number
  /** The longest wait before a kill, in milliseconds, counted from the first acknowledged write. */
  readonly maxDelayMs?: number
  readonly log?: (line: string) => void
}

export interface HarnessResult {
  readonly kills: number
  readonly cases: number
  /** Steps (form posts) that got a 303 and were found stored after the crashes. */
  readonly acknowledgedSteps: number
  /** How many cases got as far as each step, so a run shows the later steps were crashed through too. */
  readonly reached: Readonly<Record<string, number>>
}

/** mulberry32: small, fast and good enough for choosing delays reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class CrashFailure extends Error {
  override readonly name = 'CrashFailure'
}

const ACCOUNTS = { practitioner: 'practitioner@demo.example', decisionOwner: 'decision-owner@demo.example', partner: 'partner@demo.example' } as const

/** One set of browsers per worker, kept across restarts: sessions live in the database, so they should survive a crash too. */
function browsersFor(url: string): Browsers {
  return { practitioner: new HttpBrowser(url), decisionOwner: new HttpBrowser(url), partner: new HttpBrowser(url) }
}

async function signedIn(browsers: Browsers): Promise<void> {
  await Promise.all((Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]).map((who) => browsers[who].ensureSignedIn(ACCOUNTS[who], DEMO_PASSWORD)))
}

async function incidentIds(url: string): Promise<Set<string>> {
  const database = await openDatabase(url)
  try {
    return new Set((await database.db.selectFrom('incidents').select('id').execute()).map((r) => r.id))
  } finally {
    await database.close()
  }
}

export async function runCrashHarness(options: HarnessOptions): Promise<HarnessResult> {
  const { dialect, kills, seed, workers = 2, maxDelayMs = 1500 } = options
  const log = options.log ?? (() => {})
  const random = seededRandom(seed)
  const store = await freshStore(dialect, 'crash')
  const acknowledged: Acknowledged = new Map()
  let numbered = 0
  let started: ServerProcess | null = null
  log(`crash harness on ${dialect}: ${kills} kills, seed ${seed} (repeat with CRASH_SEED=${seed})`)
  try {
    const port = await freePort()
    // The first start loads the demo; its cases, written before any crash, are the baseline.
    started = await startServerProcess(store.url, port)
    // Each worker signs in on its own, so its sessions see one request at a time, as a person's would.
    const workerBrowsers = Array.from({ length: workers }, () => browsersFor(`http://127.0.0.1:${port}`))
    const baseline = await incidentIds(store.url)
    for (let kill = 1; kill <= kills; kill += 1) {
      const server = started ?? (await startServerProcess(store.url, port))
      started = null
      const failures: unknown[] = []
      try {
        await Promise.all(workerBrowsers.map(signedIn))
        let writing = () => {}
        const firstWrite = new Promise<void>((resolve) => (writing = resolve))
        const streams = workerBrowsers.map((browsers) =>
          streamCases(browsers, () => (numbered += 1), acknowledged, writing).catch((error: unknown) => {
            if (!(error instanceof ServiceGone)) failures.push(error)
          }),
        )
        // The delay runs from the first acknowledged write, so every kill lands in the stream of
        // writes rather than in the service's first, slower requests.
        await Promise.race([firstWrite, Promise.all(streams), new Promise((r) => setTimeout(r, 30_000))])
        const delay = Math.round(maxDelayMs * random())
        await new Promise((r) => setTimeout(r, delay))
        await server.kill()
        await Promise.all(streams)
        if (failures.length > 0) throw new CrashFailure(`kill ${kill} (seed ${seed}): a write failed while the service was up: ${String(failures[0])}\n${server.output()}`)
        const database = await openDatabase(store.url)
        try {
          const problems = await checkStore(database, baseline, acknowledged)
          if (problems.length > 0) throw new CrashFailure(`kill ${kill} after ${delay} ms (seed ${seed}, ${dialect}):\n  ${problems.slice(0, 20).join('\n  ')}`)
        } finally {
          await database.close()
        }
        log(`kill ${kill}/${kills} ${delay} ms into the writes: ${acknowledged.size} cases, all acknowledged writes present, audit chain intact`)
      } finally {
        await server.kill()
      }
    }
    const cases = [...acknowledged.values()]
    const acknowledgedSteps = cases.reduce((sum, c) => sum + c.steps, 0)
    const reached = Object.fromEntries([START, ...STEPS].map((step, index) => [step.name, cases.filter((c) => c.steps > index).length]))
    return { kills, cases: acknowledged.size, acknowledgedSteps, reached }
  } finally {
    await started?.kill()
    await store.drop()
  }
}
