// The statutory engine benchmark: deadline computations and assessments per second, in-process,
// ISO date strings in and out, on inputs drawn at random across the calendar's covered years.
import { loadBundledCalendar } from '../src/calendar/bundled.js'
import { formatEpochDay, parseIsoToEpochDay } from '../src/domain/calendar/index.js'
import { ABUSE_OR_NEGLECT, assess, LOCATIONS, OUTCOMES, validateFacts } from '../src/domain/notification/index.js'
import type { BenchSuite, Measure } from './suite.js'

/** A small deterministic generator, so every run measures the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function pick<T>(items: readonly T[], r: () => number): T {
  return items[Math.floor(r() * items.length)] as T
}

const SAMPLES = 4096

export const engineSuite: BenchSuite = {
  name: 'engine',
  run(measure: Measure) {
    const calendar = loadBundledCalendar()
    const r = random(20261124)
    // Start dates anywhere a 15-working-day count stays inside the calendar.
    const span = calendar.lastDay - 40 - calendar.firstDay
    const starts = Array.from({ length: SAMPLES }, () => formatEpochDay(calendar.firstDay + Math.floor(r() * span)))
    const counts = Array.from({ length: SAMPLES }, () => Math.floor(r() * 16))

    let sink = 0
    const deadlines = measure('deadlines', (i) => {
      const k = i & (SAMPLES - 1)
      const due = formatEpochDay(calendar.addWorkingDaysToEpochDay(parseIsoToEpochDay(starts[k] as string), counts[k] as number))
      sink += due.length
    })

    const inputs = starts.map((awareDate, k) => ({
      awareDate,
      incidentDate: formatEpochDay(parseIsoToEpochDay(awareDate) - (k % 4)),
      outcome: pick(OUTCOMES, r),
      abuseOrNeglect: pick(ABUSE_OR_NEGLECT, r),
      location: pick(LOCATIONS, r),
      normallyResident: r() < 0.7,
      child: { dateOfBirth: formatEpochDay(parseIsoToEpochDay(awareDate) - 30 - Math.floor(r() * 9000)), lookedAfter: r() < 0.2, careLeaver: r() < 0.1 },
    }))
    const assessments = measure('assessments', (i) => {
      const result = validateFacts(inputs[i & (SAMPLES - 1)])
      if (!result.ok) throw new Error(result.problems[0]?.message)
      sink += assess(result.facts, calendar).deadline.length
    })
    if (sink === 0) throw new Error('the benchmark computed nothing')
    return { deadlinesPerSecond: deadlines, assessmentsPerSecond: assessments }
  },
}
