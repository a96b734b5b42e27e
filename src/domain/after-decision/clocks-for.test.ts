import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadBundledCalendar } from '../../calendar/bundled.js'
import { CalendarDay } from '../calendar/index.js'
import { actionStatusOn, clocksFor, csvCell, toCsv, type CaseClockFacts } from './index.js'

const calendar = loadBundledCalendar()
const day = CalendarDay.parse
const EMPTY: CaseClockFacts = { closed: false, awareDate: null, notifications: [], partnersInformedOn: null, rapidReview: null, practiceReview: null, extensions: [] }
const on = (facts: Partial<CaseClockFacts>, today: string) => clocksFor({ ...EMPTY, ...facts }, calendar, day(today))
const find = (facts: Partial<CaseClockFacts>, today: string, key: string) => {
  const found = on(facts, today).find((c) => c.key === key)
  assert.ok(found, key)
  return found
}

describe('clocks on a case', () => {
  it('a notification sent Friday 18 December 2026: the rapid review is due Wednesday 13 January 2027 (Christmas, the Boxing Day substitute and New Year skipped)', () => {
    // By hand: 21, 22, 23, 24 Dec (4); 25 and 28 Dec are bank holidays; 29, 30, 31 Dec (7);
    // 1 Jan is a bank holiday; 4-8 Jan (12); 11, 12, 13 Jan (15).
    const rr = find({ rapidReview: { startedOn: '2026-12-18', sentOn: null, stoodDown: false } }, '2026-12-18', 'rapid_review_sent')
    assert.equal(rr.due, '2027-01-13')
    assert.equal(rr.state, 'on_track')
    assert.equal(rr.workingDaysLeft, 15)
    assert.match(rr.citation, /15 working days/)
  })
  it('states: due soon within 2 working days, due today, overdue counted in working days, met (late or not), stood down', () => {
    const facts = { rapidReview: { startedOn: '2026-12-18', sentOn: null, stoodDown: false } }
    assert.equal(find(facts, '2027-01-11', 'rapid_review_sent').state, 'due_soon')
    assert.equal(find(facts, '2027-01-11', 'rapid_review_sent').workingDaysLeft, 2)
    assert.equal(find(facts, '2027-01-08', 'rapid_review_sent').state, 'on_track')
    assert.equal(find(facts, '2027-01-13', 'rapid_review_sent').state, 'due_today')
    const late = find(facts, '2027-01-18', 'rapid_review_sent')
    assert.deepEqual([late.state, late.workingDaysOverdue], ['overdue', 3])
    const met = find({ rapidReview: { startedOn: '2026-12-18', sentOn: '2027-01-14', stoodDown: false } }, '2027-02-01', 'rapid_review_sent')
    assert.deepEqual([met.state, met.metOn, met.late], ['met', '2027-01-14', true])
    assert.equal(find({ rapidReview: { startedOn: '2026-12-18', sentOn: null, stoodDown: true } }, '2027-02-01', 'rapid_review_sent').state, 'stood_down')
    assert.equal(find({ ...facts, closed: true }, '2027-02-01', 'rapid_review_sent').state, 'stood_down')
  })
  it('notifications and local partners run 5 working days from awareness, across the year end', () => {
    const clocks = on({ awareDate: '2026-12-23', notifications: [{ id: 'n1', kind: 'serious_incident', sentOn: null, withdrawn: false }, { id: 'n2', kind: 'looked_after_child_death', sentOn: '2026-12-24', withdrawn: false }] }, '2027-01-05')
    assert.deepEqual(clocks.map((c) => [c.key, c.due, c.state]), [
      ['notification:n1', '2027-01-04', 'overdue'],
      ['notification:n2', '2027-01-04', 'met'],
      ['local_partners_informed', '2027-01-04', 'overdue'],
    ])
  })
  it('a practice review: published within 6 months of the decision; the final report 7 working days before the planned publication', () => {
    const pr = { decidedOn: '2026-08-31', plannedPublicationOn: '2027-01-11', finalReportSentOn: null, publishedOn: null }
    assert.equal(find({ practiceReview: pr }, '2026-12-01', 'practice_review_published').due, '2027-02-28')
    assert.equal(find({ practiceReview: pr }, '2026-12-01', 'final_report_sent').due, '2026-12-30')
    assert.equal(on({ practiceReview: { ...pr, plannedPublicationOn: null } }, '2026-12-01').length, 1)
  })
  it('an extension moves the due date and keeps the original beside it, with the reason and who agreed it', () => {
    const rr = find({ rapidReview: { startedOn: '2026-12-18', sentOn: null, stoodDown: false }, extensions: [{ clockKey: 'rapid_review_sent', newDue: '2027-01-20', reason: 'Post-mortem awaited (fictional)', agreedBy: 'The Panel' }] }, '2027-01-14', 'rapid_review_sent')
    assert.deepEqual([rr.due, rr.originalDue, rr.state, rr.extension?.agreedBy], ['2027-01-20', '2027-01-13', 'on_track', 'The Panel'])
  })
})

describe('actions and exports', () => {
  it('an action not complete after its due date is overdue', () => {
    assert.equal(actionStatusOn('open', day('2027-01-10'), day('2027-01-11')), 'overdue')
    assert.equal(actionStatusOn('in_progress', day('2027-01-10'), day('2027-01-10')), 'in_progress')
    assert.equal(actionStatusOn('complete', day('2027-01-10'), day('2027-02-10')), 'complete')
  })
  it('CSV cells starting with = + - @ tab or carriage return are neutralised; quotes and commas are quoted', () => {
    assert.equal(csvCell('=HYPERLINK("http://x.example")'), `"'=HYPERLINK(""http://x.example"")"`)
    for (const payload of ['+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) assert.ok(csvCell(payload).replace(/^"/, '').startsWith(`'`), payload)
    assert.equal(csvCell('plain, text'), '"plain, text"')
    assert.equal(toCsv(['a', 'b'], [['1', null]]), 'a,b\r\n1,\r\n')
  })
})
