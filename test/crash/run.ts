// npm run test:crash: the full crash harness, 50 kills (CRASH_KILLS) on SQLite and, when
// TEST_DATABASE_URL or DATABASE_URL names a PostgreSQL server, on PostgreSQL too.
// CRASH_SEED repeats a run's random delays; CRASH_DATABASES=sqlite (or postgres) runs only that one;
// CRASH_MAX_DELAY_MS is the longest wait before a kill (3000: long enough to reach the decision).
import { runCrashHarness } from './harness.js'
import { storeDialects } from './fresh-store.js'

const kills = Number(process.env.CRASH_KILLS ?? 50)
const maxDelayMs = Number(process.env.CRASH_MAX_DELAY_MS ?? 3000)
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31)
let failed = false
const only = process.env.CRASH_DATABASES?.split(',').map((d) => d.trim())
for (const dialect of storeDialects().filter((d) => !only || only.includes(d))) {
  try {
    const result = await runCrashHarness({ dialect, kills, seed, maxDelayMs, log: (line) => console.log(line) })
    console.log(`${dialect}: ${result.kills} kills survived; ${result.cases} cases, ${result.acknowledgedSteps} acknowledged writes all present.`)
    console.log(`${dialect}: cases that reached each step: ${Object.entries(result.reached).map(([step, n]) => `${step} ${n}`).join(', ')}`)
  } catch (error) {
    failed = true
    console.error(`${dialect}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
process.exitCode = failed ? 1 : 0
