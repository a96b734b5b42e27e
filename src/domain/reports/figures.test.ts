import assert from 'node:assert/strict'
import { test } from 'node:test'
import { loadBundledCalendar } from '../../calendar/bundled.js'
import { figures, type ReportCase } from './figures.js'
import { ageBand, financialYearOf, periodOf } from './periods.js'

const calendar = loadBundledCalendar()
const base: ReportCase = { awareDate: null, screened: true, ages: [], lookedAfter: false, harmKinds: [], partnerRaised: null, decision: null, notifications: [], rapidReview: null, practiceReview: null }

test('periods: financial years run April to March, quarters start in April; months are calendar months', () => {
  assert.deepEqual(periodOf('year', '2026'), { kind: 'year', from: '2026-04-01', to: '2027-03-31', label: 'Financial year 2026 to 2027' })
  assert.deepEqual(periodOf('quarter', '2026-Q4'), { kind: 'quarter', from: '2027-01-01', to: '2027-03-31', label: 'Quarter 4 of 2026 to 2027 (January to March 2027)' })
  assert.equal(periodOf('quarter', '2026-Q3')?.from, '2026-10-01')
  assert.deepEqual(periodOf('month', '2027-02'), { kind: 'month', from: '2027-02-01', to: '2027-02-28', label: 'February 2027' })
  assert.equal(periodOf('month', '2027-13'), null)
  assert.equal(financialYearOf('2027-03-31'), 2026)
  assert.equal(financialYearOf('2026-04-01'), 2026)
  assert.deepEqual([0, 1, 4, 5, 15, 16, null].map(ageBand), ['Under 1', '1 to 4', '1 to 4', '5 to 9', '10 to 15', '16 and over', 'Not known'])
})

test('figures against a hand-built data set: timeliness share, on time, departures, overdue actions, breakdowns', () => {
  const period = periodOf('year', '2026')
  assert.ok(period)
  const cases: ReportCase[] = [
    // Aware Monday 2 November; sent Friday 6 November: 4 working days.
    { ...base, awareDate: '2026-11-02', ages: [0], harmKinds: ['physical'], decision: { decision: 'notify', departs: false }, notifications: [{ kind: 'serious_incident', sentOn: '2026-11-06' }], rapidReview: { due: '2026-11-27', sentOn: '2026-11-27' } },
    // Aware Monday 2 November; sent Tuesday 10 November: 6 working days, late.
    { ...base, awareDate: '2026-11-02', ages: [7, 14], lookedAfter: true, harmKinds: ['neglect'], partnerRaised: 'Police', decision: { decision: 'notify', departs: true }, notifications: [{ kind: 'serious_incident', sentOn: '2026-11-10' }, { kind: 'looked_after_child_death', sentOn: '2026-11-09' }], rapidReview: { due: '2026-12-01', sentOn: '2026-12-02' } },
    { ...base, awareDate: '2026-06-01', ages: [16], harmKinds: ['physical'], decision: { decision: 'do_not_notify', departs: false }, practiceReview: { decidedOn: '2026-07-01', due: '2027-01-01', publishedOn: '2026-12-20' } },
    // A draft and a case from the year before are not counted.
    { ...base, awareDate: '2026-11-20', screened: false },
    { ...base, awareDate: '2026-03-31', notifications: [{ kind: 'serious_incident', sentOn: '2026-03-31' }] },
  ]
  const actions = [{ dueOn: '2026-11-01', completedOn: null }, { dueOn: '2026-11-01', completedOn: '2026-10-30' }, { dueOn: '2026-12-31', completedOn: null }]
  const f = figures(cases, actions, period, '2026-11-24', calendar)
  assert.equal(f.screened, 3)
  assert.deepEqual(f.notificationsByKind, [{ kind: 'serious_incident', count: 2 }, { kind: 'looked_after_child_death', count: 1 }])
  assert.equal(f.decisions, 3)
  assert.equal(f.departures, 1)
  assert.deepEqual(f.timeliness, [{ workingDays: 4, count: 1 }, { workingDays: 5, count: 1 }, { workingDays: 6, count: 1 }])
  assert.equal(f.sent, 3)
  assert.equal(f.sentWithin5, 2)
  assert.equal(f.sharePercent, 67)
  assert.equal(f.rapidReviewsSent, 2)
  assert.equal(f.rapidReviewsOnTime, 1, 'sent on the due date is on time; the day after is not')
  assert.equal(f.practiceReviewsCommissioned, 1)
  assert.equal(f.practiceReviewsPublishedOnTime, 1)
  assert.equal(f.actionsOverdue, 1)
  assert.deepEqual(f.byAgeBand.filter((b) => b.count > 0), [{ band: 'Under 1', count: 1 }, { band: '5 to 9', count: 1 }, { band: '10 to 15', count: 1 }, { band: '16 and over', count: 1 }])
  assert.deepEqual(f.byLookedAfter, [{ band: 'Looked after', count: 1 }, { band: 'Not looked after', count: 2 }])
  assert.deepEqual(f.byPartner, [{ band: 'Local authority', count: 2 }, { band: 'Police', count: 1 }])
  assert.deepEqual(f.byHarm, [{ band: 'physical', count: 2 }, { band: 'neglect', count: 1 }])
})
