// The two death notifications to the Secretary of State and Ofsted that do not depend on abuse or
// neglect: a looked-after child's death and a care leaver's death.
import { ageInYears, type ChildStatus } from './child.js'
import type { Facts } from './facts.js'
import { CITE, type Reason } from './reason.js'

export interface DeathNotificationResult {
  readonly required: boolean
  /** Empty when the rule has nothing to say about these facts (e.g. not looked after, not dead). */
  readonly reasons: readonly Reason[]
}

const NONE: DeathNotificationResult = { required: false, reasons: [] }
const WHOM = 'The authority must notify the Secretary of State for Education and Ofsted within 5 working days.'

/**
 * Death of a looked-after child: Children Act 1989 Sch 2 para 20 (notify the Secretary of State)
 * and Working Together to Safeguard Children 2023 chapter 5 (notify the Secretary of State and
 * Ofsted "whether or not abuse or neglect is known or suspected"). Whatever the cause, wherever
 * the child died, including placed in another authority's area.
 */
export function lookedAfterChildDeath(facts: Facts, child: ChildStatus): DeathNotificationResult {
  const died = facts.outcome === 'died'
  if (!facts.child.lookedAfter) {
    if (!died || !child.isChild) return NONE
    return { required: false, reasons: [{ rule: CITE.lookedAfterDeath, text: 'The child was not looked after by this authority, so no looked-after child death notification is needed.' }] }
  }
  if (!died) {
    return { required: false, reasons: [{ rule: CITE.lookedAfterDeath, text: 'The child is looked after by this authority but did not die, so no looked-after child death notification is needed.' }] }
  }
  if (!child.isChild) {
    return { required: false, reasons: [{ rule: CITE.lookedAfterDeath, text: 'They were not a child when they died, so the looked-after child death notification does not apply.' }] }
  }
  return {
    required: true,
    reasons: [{
      rule: CITE.lookedAfterDeath,
      text: `The child was looked after by this authority and has died. ${WHOM} This applies whatever the cause of death, whether or not abuse or neglect is suspected, and wherever the child died, including in another authority's area.`,
    }],
  }
}

/** The care-leaver band: up to and including age 24 on the day of death (WT 2023 chapter 5). */
const CARE_LEAVER_MIN_AGE = 18
const CARE_LEAVER_MAX_AGE = 24

/**
 * Death of a care leaver aged 18 to 24: Working Together to Safeguard Children 2023 chapter 5 (the
 * authority notifies the Secretary of State and Ofsted). The day of death is the incident date,
 * else the day of awareness. An unknown date of birth is treated as inside the band: the
 * authority knows the person is its care leaver, and a missed notification is the worse error.
 */
export function careLeaverDeath(facts: Facts, child: ChildStatus): DeathNotificationResult {
  if (!facts.child.careLeaver) return NONE
  if (facts.outcome !== 'died') {
    return { required: false, reasons: [{ rule: CITE.careLeaverDeath, text: 'They are a care leaver of this authority but did not die. Only the death of a care leaver needs this notification.' }] }
  }
  const dateOfBirth = facts.child.dateOfBirth
  if (child.basis === 'unborn') return NONE
  if (!dateOfBirth) {
    return {
      required: true,
      reasons: [{
        rule: CITE.careLeaverDeath,
        text: `A care leaver of this authority has died and their date of birth is not known. We have treated them as aged 18 to 24, because the authority knows they are its care leaver. ${WHOM} Check their age: if they were 25 or over when they died, this notification is not needed.`,
      }],
    }
  }
  const age = ageInYears(dateOfBirth, child.ageOn)
  if (age >= CARE_LEAVER_MIN_AGE && age <= CARE_LEAVER_MAX_AGE) {
    return {
      required: true,
      reasons: [{ rule: CITE.careLeaverDeath, text: `A care leaver of this authority has died aged ${age}. ${WHOM} This applies to care leavers up to and including age 24, whatever the cause of death.` }],
    }
  }
  const why = age > CARE_LEAVER_MAX_AGE
    ? 'The care-leaver death notification covers care leavers up to and including age 24, so it is not needed.'
    : 'The care-leaver death notification covers care leavers aged 18 to 24. Under 18 they were still a child, so the rules for children apply instead.'
  return { required: false, reasons: [{ rule: CITE.careLeaverDeath, text: `The care leaver was ${age} when they died. ${why}` }] }
}
