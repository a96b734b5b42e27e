// Who counts as a child, and how old someone was on a given day.
import { isLeapYear, type CalendarDay } from '../calendar/index.js'
import type { Facts } from './facts.js'
import { CITE, type Reason } from './reason.js'

/**
 * Age in whole years on a day. A person attains an age at the start of the anniversary of their
 * birth (Family Law Reform Act 1969 s9), so they are 18 on their 18th birthday. Someone born on
 * 29 February has no anniversary in a common year; we take it to be 1 March, the reading the
 * courts and most government services use.
 */
export function ageInYears(dateOfBirth: CalendarDay, on: CalendarDay): number {
  const birthMonth = dateOfBirth.month
  const birthDay = dateOfBirth.day
  const year = on.year
  const leapling = birthMonth === 2 && birthDay === 29 && !isLeapYear(year)
  const [anniversaryMonth, anniversaryDay] = leapling ? [3, 1] : [birthMonth, birthDay]
  const beforeAnniversary = on.month < anniversaryMonth || (on.month === anniversaryMonth && on.day < anniversaryDay)
  return year - dateOfBirth.year - (beforeAnniversary ? 1 : 0)
}

export interface ChildStatus {
  readonly isChild: boolean
  /** Whole years on `ageOn`; undefined when unborn or the date of birth is unknown. */
  readonly ageInYears: number | undefined
  /** The incident date, or the day of awareness where the incident date is not given. */
  readonly ageOn: CalendarDay
  readonly basis: 'date_of_birth' | 'unborn' | 'date_of_birth_unknown'
  readonly reason: Reason
}

function onWhichDay(facts: Facts): string {
  return facts.incidentDate ? 'the date of the incident' : 'the day the authority became aware (the incident date is not given)'
}

/**
 * A child is anyone under 18 (Children Act 1989 s105(1)), including an unborn child (Working
 * Together to Safeguard Children 2023). Age is taken on the incident date, else on awareness.
 */
export function childStatus(facts: Facts): ChildStatus {
  const ageOn = facts.incidentDate ?? facts.awareDate
  const { dateOfBirth, unborn } = facts.child
  if (unborn) {
    return {
      isChild: true, ageInYears: undefined, ageOn, basis: 'unborn',
      reason: { rule: CITE.unborn, text: 'The harm was to an unborn child. Safeguarding guidance covers unborn children, so they count as a child here.' },
    }
  }
  if (!dateOfBirth) {
    return {
      isChild: true, ageInYears: undefined, ageOn, basis: 'date_of_birth_unknown',
      reason: { rule: CITE.childDefinition, text: 'The date of birth is not known. We have treated them as a child (under 18) so that no duty is missed. Check their age as soon as you can.' },
    }
  }
  const age = ageInYears(dateOfBirth, ageOn)
  const leapling = dateOfBirth.month === 2 && dateOfBirth.day === 29
  const rule = leapling ? `${CITE.childDefinition}; ${CITE.attainingAge}` : CITE.childDefinition
  const leapNote = leapling ? ' They were born on 29 February, so in years that are not leap years they reach their new age on 1 March.' : ''
  const when = `${ageOn.toLongString()} (${onWhichDay(facts)})`
  if (age < 18) {
    return { isChild: true, ageInYears: age, ageOn, basis: 'date_of_birth', reason: { rule, text: `They were ${age} on ${when}. A child is anyone under 18.${leapNote}` } }
  }
  const birthday = age === 18 && ageInYears(dateOfBirth, ageOn.addDays(-1)) === 17
    ? ' It was their 18th birthday. A person reaches an age at the start of their birthday, so they were no longer a child.'
    : ''
  return {
    isChild: false, ageInYears: age, ageOn, basis: 'date_of_birth',
    reason: { rule: `${CITE.childDefinition}; ${CITE.attainingAge}`, text: `They were ${age} on ${when}. A child is anyone under 18, so they were not a child.${birthday}${leapNote}` },
  }
}
