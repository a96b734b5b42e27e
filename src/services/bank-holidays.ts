// Bank holidays from the admin pages (issue 7, item 4): preview what an uploaded GOV.UK
// bank-holidays.json would add, then apply it with the same merge as `sin holidays import`
// (mergeHolidays never drops a date), record on each case whose running deadline moves, and count
// on the new calendar straight away in this process.
import { mergeChanges, mergeIntoHolidayFile, parseHolidayText, readHolidayFile } from '../calendar/bundled.js'
import { calendarFromFile, HolidayFileError, mergeHolidays, type BankHolidayCalendar, type HolidayFile, type HolidayMerge } from '../domain/calendar/index.js'
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

export function bankHolidayService(deps: LiveCalendarDeps, path: string, clocks: ReturnType<typeof clockService>) {
  /** The uploaded file, with today as its retrieval day unless it says, and the file we hold. */
  function read(text: string): { ok: true; incoming: HolidayFile; current: ReturnType<typeof readHolidayFile> } | Invalid {
    try {
      const incoming = parseHolidayText(text, 'you chose').file
      const retrieved = incoming.provenance.retrieved ?? londonDay(deps.now()).toString()
      return { ok: true, current: readHolidayFile(path), incoming: { ...incoming, provenance: { ...incoming.provenance, retrieved } } }
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
      const file = read(text)
      if (!file.ok) return file
      const merge = mergeHolidays(file.current.file, file.incoming)
      return { ok: true, preview: summary(merge), changes: mergeChanges(merge) }
    },

    /**
     * Merges and writes the file, records moved deadlines on their cases (clocks.recomputed), audits
     * the import, and switches this process to the new calendar. Other server processes read the
     * file when they restart.
     */
    async apply(actor: Actor, authorityId: string, text: string): Promise<{ ok: true; preview: HolidayPreview; moved: number } | Invalid | Refusal<'forbidden'>> {
      if (actor.kind === 'user' && !actor.permissions.canIn(authorityId, 'settings:manage')) return refuse('forbidden')
      const file = read(text)
      if (!file.ok) return file
      const previous = deps.calendar
      const { merge } = mergeIntoHolidayFile(path, file.current, file.incoming)
      const next = calendarFromFile(merge.merged)
      const moved = merge.added.length > 0 ? (await clocks.recomputeClocks(actor, previous, next)).moved.length : 0
      const { added, retitled, confirmedYears } = merge
      await inTransaction(deps, (work) =>
        work.audit(actor, { action: 'bank-holidays.imported', outcome: `done: ${added.length} added, ${retitled.length} retitled, ${confirmedYears.length} confirmed, ${moved} cases moved`, authorityId, recordType: 'bank-holidays', recordId: 'england-and-wales' }),
      )
      deps.calendar = next
      return { ok: true, preview: summary(merge), moved }
    },
  }
}
