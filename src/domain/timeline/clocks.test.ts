import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadBundledCalendar } from '../../calendar/bundled.js'
import { CalendarDay } from '../calendar/index.js'
import { CLOCKS, clock, dueDate, type ClockId } from './clocks.js'

const calendar = loadBundledCalendar()
const due = (id: ClockId, start: string) => dueDate(clock(id), CalendarDay.parse(start), calendar).toString()

describe('the statutory clocks', () => {
  it('every clock has a name, a positive length and a citation', () => {
    assert.equal(CLOCKS.length, 7)
    for (const c of CLOCKS) assert.ok(c.name && c.length > 0 && c.citation.length > 10, c.id)
  })
  it('the four awareness clocks end on the 5th working day after awareness', () => {
    for (const id of ['serious_incident_notification', 'local_partners_informed', 'looked_after_child_death_notification', 'care_leaver_death_notification'] as const) {
      assert.equal(due(id, '2026-12-23'), '2027-01-04', id)
    }
  })
  it('the rapid review is due 15 working days after the notification was sent', () => {
    assert.equal(due('rapid_review_sent', '2026-12-23'), '2027-01-18')
  })
  it('the practice review is published within 6 calendar months; 31 August runs to the end of February', () => {
    assert.equal(due('practice_review_published', '2026-08-31'), '2027-02-28')
    assert.equal(due('practice_review_published', '2027-08-31'), '2028-02-29')
    assert.equal(due('practice_review_published', '2026-05-14'), '2026-11-14')
  })
  it('the final report is due 7 working days before the planned publication, counting back over holidays', () => {
    assert.equal(due('final_report_sent', '2027-01-11'), '2026-12-30')
    assert.equal(due('final_report_sent', '2026-06-15'), '2026-06-04')
  })
  it('an unknown clock id is an error', () => {
    assert.throws(() => clock('nope' as ClockId), RangeError)
  })
})
