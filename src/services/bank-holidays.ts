// Bank holidays from the admin pages (issue 7, item 4): preview what an uploaded GOV.UK
// bank-holidays.json would add, then apply it with the same merge as `sin holidays import`
// (mergeHolidays never drops a date), record on each case whose running deadline moves, and count
// on the new calendar straight away in this process.
import { parseHolidayText, readHolidayFile, writeHolidayFile } from '../calendar/bundled.js'
import { calendarFromFile, HolidayFileError, mergeHolidays, type BankHolidayCalendar, type HolidayMerge } from '../domain/calendar/index.js'
import type { clockService } from './clocks.js'
import { inTransaction, refuse, type Actor, type Refusal } from './context.js'
import { londonDay, type IncidentDeps } from './incident-access.js'

/** The incident services' deps, whose calendar an applied file replaces. */
export type LiveCalendarDeps = Omit<IncidentDeps, 'calendar'> & { calendar: BankHolidayCalendar }

/** A banner shows from this many months before the calendar's last covered year ends. */
export const WARN_MONTHS_BEFORE_END = 6

export type HolidayPreview = Omit<HolidayMerge, 'merged'>
type Invalid = { ok: false; reason: 'invalid'; errors: { file: string } }

const invalid = (message: string): Invalid => ({ ok: false, reason: 'invalid', errors: { file: message } })
const changes = (merge: HolidayMerge) => merge.added.length > 0 || merge.retitled.length > 0 || merge.confirmedYears.length > 0

export function bankHolidayService(deps: LiveCalendarDeps, path: string, clocks: ReturnType<typeof clockService>) {
  /** The merge of the uploaded text into the file we hold; the retrieval day defaults to today. */
  function merge(text: string): { ok: true; merge: HolidayMerge; current: ReturnType<typeof readHolidayFile> } | Invalid {
    try {
      const incoming = parseHolidayText(text, 'you chose').file
      const current = readHolidayFile(path)
      const retrieved = incoming.provenance.retrieved ?? londonDay(deps.now()).toString()
      return { ok: true, current, merge: mergeHolidays(current.file, { ...incoming, provenance: { ...incoming.provenance, retrieved } }) }
    } catch (error) {
      if (error instanceof HolidayFileError) return invalid(error.message.replace('the bank holiday file you chose', 'The file'))
      throw error
    }
  }
  const summary = ({ merged: _merged, ...rest }: HolidayMerge): HolidayPreview => rest

  return {
    /** The calendar's last covered day and whether admins should be warned (from six months before). */
    coverage(): { lastDay: string; warn: boolean } {
      const last = deps.calendar.lastYear
      const warnFrom = `${last}-${String(13 - WARN_MONTHS_BEFORE_END).padStart(2, '0')}-01`
      return { lastDay: `${last}-12-31`, warn: londonDay(deps.now()).toString() >= warnFrom }
    },

    /** What the file would add or change; nothing is stored. */
    preview(actor: Actor, authorityId: string, text: string): { ok: true; preview: HolidayPreview; changes: boolean } | Invalid | Refusal<'forbidden'> {
      if (actor.kind === 'user' && !actor.permissions.canIn(authorityId, 'settings:manage')) return refuse('forbidden')
      const result = merge(text)
      return result.ok ? { ok: true, preview: summary(result.merge), changes: changes(result.merge) } : result
    },

    /**
     * Merges and writes the file, records moved deadlines on their cases (clocks.recomputed), audits
     * the import, and switches this process to the new calendar. Other server processes read the
     * file when they restart.
     */
    async apply(actor: Actor, authorityId: string, text: string): Promise<{ ok: true; preview: HolidayPreview; moved: number } | Invalid | Refusal<'forbidden'>> {
      if (actor.kind === 'user' && !actor.permissions.canIn(authorityId, 'settings:manage')) return refuse('forbidden')
      const result = merge(text)
      if (!result.ok) return result
      const previous = deps.calendar
      const next = calendarFromFile(result.merge.merged)
      if (changes(result.merge)) writeHolidayFile(path, result.current.json, result.merge.merged)
      const moved = result.merge.added.length > 0 ? (await clocks.recomputeClocks(actor, previous, next)).moved.length : 0
      const { added, retitled, confirmedYears } = result.merge
      await inTransaction(deps, (work) =>
        work.audit(actor, { action: 'bank-holidays.imported', outcome: `done: ${added.length} added, ${retitled.length} retitled, ${confirmedYears.length} confirmed, ${moved} cases moved`, authorityId, recordType: 'bank-holidays', recordId: 'england-and-wales' }),
      )
      deps.calendar = next
      return { ok: true, preview: summary(result.merge), moved }
    },
  }
}
