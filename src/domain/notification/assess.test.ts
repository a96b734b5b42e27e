import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadBundledCalendar } from '../../calendar/bundled.js'
import { CalendarDay } from '../calendar/index.js'
import { assess, type Assessment } from './assess.js'
import { ageInYears } from './child.js'
import { facts, type RawFacts } from './test-facts.js'

const calendar = loadBundledCalendar()
const run = (changes: RawFacts = {}): Assessment => assess(facts(changes), calendar)
const kinds = (a: Assessment) => a.notifications.map((n) => n.kind)
const rules = (a: Assessment) => a.reasons.map((r) => r.rule).join(' | ')
const text = (a: Assessment) => a.reasons.map((r) => r.text).join(' ')

describe('who is a child', () => {
  it('someone on their 18th birthday on the incident date is not a child', () => {
    const a = run({ incidentDate: '2026-02-28', child: { dateOfBirth: '2008-02-28' } })
    assert.equal(a.child.isChild, false)
    assert.equal(a.decision, 'not_required')
    assert.match(text(a), /18th birthday/)
  })
  it('someone the day before their 18th birthday is a child', () => {
    assert.equal(run({ incidentDate: '2026-02-28', child: { dateOfBirth: '2008-03-01' } }).decision, 'notify')
  })
  it('an unborn child is a child', () => {
    const a = run({ child: { dateOfBirth: undefined, unborn: true } })
    assert.equal(a.decision, 'notify')
    assert.equal(a.child.basis, 'unborn')
    assert.match(rules(a), /unborn/)
  })
  it('a child whose date of birth is unknown is treated as a child, and the reason says so', () => {
    const a = run({ child: { dateOfBirth: undefined } })
    assert.equal(a.decision, 'notify')
    assert.match(text(a), /date of birth is not known/)
  })
  it('takes the age on the day of awareness when the incident date is absent', () => {
    const a = run({ incidentDate: undefined, awareDate: '2026-03-02', child: { dateOfBirth: '2008-03-02' } })
    assert.equal(a.child.ageOn, '2026-03-02')
    assert.equal(a.child.isChild, false)
  })
  it('someone born on 29 February reaches a new age on 1 March in a common year', () => {
    const born = CalendarDay.parse('2008-02-29')
    assert.equal(ageInYears(born, CalendarDay.parse('2026-02-28')), 17)
    assert.equal(ageInYears(born, CalendarDay.parse('2026-03-01')), 18)
    assert.equal(ageInYears(born, CalendarDay.parse('2028-02-29')), 20)
    assert.equal(run({ incidentDate: '2026-02-28', child: { dateOfBirth: '2008-02-29' } }).decision, 'notify')
    const adult = run({ awareDate: '2026-03-02', incidentDate: '2026-03-01', child: { dateOfBirth: '2008-02-29' } })
    assert.equal(adult.decision, 'not_required')
    assert.match(rules(adult), /Family Law Reform Act 1969 s9/)
  })
})

describe('the serious incident duty (Children Act 2004 s16C)', () => {
  it('limb (a): a child harmed in this area, abuse suspected: notify the Panel, Ofsted and DfE, with a rapid review', () => {
    const a = run()
    assert.deepEqual(a.notifications, [{ kind: 'serious_incident', recipients: ['panel', 'ofsted', 'dfe'], due: '2026-03-09' }])
    assert.equal(a.rapidReview, true)
    assert.match(rules(a), /s16C\(1\)\(a\)/)
    assert.match(text(a), /Suspicion is enough/)
  })
  it('limb (a) applies to a visiting child who is not normally resident here', () => {
    assert.deepEqual(kinds(run({ normallyResident: false, abuseOrNeglect: 'known' })), ['serious_incident'])
  })
  it('limb (b): a resident child who died outside England: notify', () => {
    const a = run({ outcome: 'died', location: 'outside_england' })
    assert.deepEqual(kinds(a), ['serious_incident'])
    assert.match(rules(a), /s16C\(1\)\(b\)/)
  })
  it('Wales and Scotland count as outside England: a resident child harmed there is notified under limb (b)', () => {
    const a = run({ location: 'outside_england' })
    assert.equal(a.decision, 'notify')
    assert.match(text(a), /Wales, Scotland, Northern Ireland/)
  })
  it('a child not resident here and harmed outside England is not this authority\'s duty', () => {
    const a = run({ location: 'outside_england', normallyResident: false })
    assert.equal(a.decision, 'not_required')
    assert.equal(a.otherAuthority, false)
  })
  it('a child harmed elsewhere in England: the other authority notifies, this one liaises', () => {
    const a = run({ location: 'elsewhere_in_england' })
    assert.equal(a.decision, 'other_authority')
    assert.equal(a.otherAuthority, true)
    assert.deepEqual(a.notifications, [])
    assert.equal(a.rapidReview, false)
  })
  it('elsewhere in England with open judgement: nothing of this authority\'s is pending', () => {
    const a = run({ location: 'elsewhere_in_england', outcome: 'harm_uncertain', abuseOrNeglect: 'not_yet_known' })
    assert.deepEqual(a.pendingJudgement, [])
    assert.equal(a.otherAuthority, true)
    assert.equal(a.decision, 'other_authority')
  })
  it('no abuse or neglect suspected: no notification, and the reason says why', () => {
    const a = run({ abuseOrNeglect: 'not_suspected' })
    assert.equal(a.decision, 'not_required')
    assert.match(text(a), /not known or suspected/)
  })
  it('harm that is not serious: no notification', () => {
    assert.equal(run({ outcome: 'not_seriously_harmed' }).decision, 'not_required')
  })
  it('an adult is outside the serious incident duty', () => {
    assert.equal(run({ child: { dateOfBirth: '2000-01-01' } }).otherAuthority, false)
    assert.equal(run({ child: { dateOfBirth: '2000-01-01' }, location: 'elsewhere_in_england' }).decision, 'not_required')
  })
})

describe('open professional judgement', () => {
  it('harm of uncertain severity is pending as serious_harm', () => {
    const a = run({ outcome: 'harm_uncertain' })
    assert.equal(a.decision, 'judgement_required')
    assert.deepEqual(a.pendingJudgement, ['serious_harm'])
  })
  it('abuse or neglect not yet known is pending as abuse_or_neglect', () => {
    assert.deepEqual(run({ abuseOrNeglect: 'not_yet_known' }).pendingJudgement, ['abuse_or_neglect'])
  })
  it('both open: both pending, serious_harm first', () => {
    assert.deepEqual(run({ outcome: 'harm_uncertain', abuseOrNeglect: 'not_yet_known' }).pendingJudgement, ['serious_harm', 'abuse_or_neglect'])
  })
  it('a settled answer closes the question: no judgement is pending', () => {
    assert.deepEqual(run({ outcome: 'harm_uncertain', abuseOrNeglect: 'not_suspected' }).pendingJudgement, [])
    assert.equal(run({ outcome: 'not_seriously_harmed', abuseOrNeglect: 'not_yet_known' }).decision, 'not_required')
  })
  it('open judgement is not pending where the location rules this authority out', () => {
    assert.equal(run({ outcome: 'harm_uncertain', location: 'outside_england', normallyResident: false }).decision, 'not_required')
  })
})

describe('looked-after child death (Children Act 1989 Sch 2 para 20)', () => {
  it('a looked-after child who died of natural causes: notify the Secretary of State and Ofsted, no rapid review', () => {
    const a = run({ outcome: 'died', abuseOrNeglect: 'not_suspected', child: { lookedAfter: true } })
    assert.deepEqual(a.notifications, [{ kind: 'looked_after_child_death', recipients: ['secretary_of_state', 'ofsted'], due: '2026-03-09' }])
    assert.equal(a.rapidReview, false)
    assert.match(rules(a), /Sch 2 para 20/)
  })
  it('a looked-after child who died placed in another authority\'s area, neglect suspected: this authority notifies the death, the other notifies the serious incident', () => {
    const a = run({ outcome: 'died', location: 'elsewhere_in_england', child: { lookedAfter: true } })
    assert.deepEqual(kinds(a), ['looked_after_child_death'])
    assert.equal(a.otherAuthority, true)
    assert.equal(a.decision, 'notify')
  })
  it('a looked-after child who died with abuse suspected in this area: both notifications, serious incident first', () => {
    const a = run({ outcome: 'died', child: { lookedAfter: true } })
    assert.deepEqual(kinds(a), ['serious_incident', 'looked_after_child_death'])
    assert.equal(a.rapidReview, true)
  })
  it('a looked-after child who was harmed but did not die: no death notification', () => {
    assert.deepEqual(kinds(run({ abuseOrNeglect: 'not_suspected', child: { lookedAfter: true } })), [])
  })
  it('a looked-after death still needs notifying while abuse is not yet known, and the judgement stays open', () => {
    const a = run({ outcome: 'died', abuseOrNeglect: 'not_yet_known', child: { lookedAfter: true } })
    assert.equal(a.decision, 'notify')
    assert.deepEqual(a.pendingJudgement, ['abuse_or_neglect'])
  })
})

describe('care leaver death (Working Together 2023, chapter 5)', () => {
  const careLeaver = (dateOfBirth: string | undefined) =>
    run({ outcome: 'died', abuseOrNeglect: 'not_suspected', incidentDate: '2026-02-28', child: { dateOfBirth, careLeaver: true } })
  it('a care leaver who died aged 24: notify the Secretary of State and Ofsted', () => {
    const a = careLeaver('2001-03-01')
    assert.deepEqual(a.notifications, [{ kind: 'care_leaver_death', recipients: ['secretary_of_state', 'ofsted'], due: '2026-03-09' }])
    assert.match(rules(a), /Working Together to Safeguard Children 2023, chapter 5/)
  })
  it('a care leaver who died aged 25: no notification, and the reason gives the age band', () => {
    const a = careLeaver('2001-02-28')
    assert.equal(a.decision, 'not_required')
    assert.match(text(a), /up to and including age 24/)
  })
  it('a care leaver who died aged 18: notify', () => {
    assert.deepEqual(kinds(careLeaver('2008-02-28')), ['care_leaver_death'])
  })
  it('a care leaver whose date of birth is unknown is treated as within the age band, and the reason says so', () => {
    const a = careLeaver(undefined)
    assert.deepEqual(kinds(a), ['care_leaver_death'])
    assert.match(text(a), /date of birth is not known/)
  })
  it('notifications come in the contract order when a serious incident and a care-leaver death both apply', () => {
    const a = run({ outcome: 'died', child: { dateOfBirth: undefined, lookedAfter: true, careLeaver: true } })
    assert.deepEqual(kinds(a), ['serious_incident', 'looked_after_child_death', 'care_leaver_death'])
  })
})

describe('the deadline', () => {
  it('is the 5th working day after awareness, whatever the decision, and the reason names both days', () => {
    const a = run({ abuseOrNeglect: 'not_suspected', awareDate: '2026-12-23', incidentDate: '2026-12-22' })
    assert.equal(a.deadline, '2027-01-04')
    assert.match(text(a), /Wednesday 23 December 2026, is day 0.*Monday 4 January 2027/)
  })
  it('is marked provisional when it falls in a provisional year', () => {
    const a = run({ awareDate: '2028-05-01', incidentDate: '2028-05-01' })
    assert.equal(a.calendar.provisional, true)
    assert.match(text(a), /provisional/)
  })
  it('every assessment has reasons, each with a rule and a text', () => {
    for (const a of [run(), run({ abuseOrNeglect: 'not_suspected' }), run({ location: 'elsewhere_in_england' })]) {
      assert.ok(a.reasons.length > 0)
      for (const r of a.reasons) assert.ok(r.rule.length > 0 && r.text.length > 0)
    }
  })
})
