// Demo cases after the decision to notify (issue 5): one at each stage, so a newcomer sees every
// clock: notified (a looked-after child's death), a rapid review under way with a request and a
// meeting, a rapid review sent to the Panel with its response, a practice review with actions
// open, overdue and complete, and a closed case. All fictional ("Child J Demo" …), all made
// through the services as the demo accounts, dated from today.
import type { CalendarDay } from '../domain/calendar/index.js'
import type { Actor, Clock } from './context.js'
import { CHILD, demoActor, must, recordDemoCase, type DemoCase, type DemoCaseServices } from './demo-cases.js'
import { londonDay } from './incident-access.js'
import type { learningActionService } from './learning-actions.js'
import type { notificationService } from './notifications.js'
import type { practiceReviewService } from './practice-review.js'
import type { rapidReviewService } from './rapid-review.js'

export interface AfterDecisionDemoServices extends DemoCaseServices {
  readonly notifications: ReturnType<typeof notificationService>
  readonly rapidReview: ReturnType<typeof rapidReviewService>
  readonly practiceReview: ReturnType<typeof practiceReviewService>
  readonly learningActions: ReturnType<typeof learningActionService>
}

type Stage = 'notified' | 'rapid_review' | 'panel_responded' | 'practice_review' | 'closed'

const demoCase = (name: string, awareDaysAgo: number, outline: string, child: object = {}): DemoCase => ({
  awareDaysAgo, incidentDaysAgo: awareDaysAgo + 1, stage: 'decided', incident: { location: 'this_area', outline }, abuse: { abuseOrNeglect: 'suspected', kinds: ['neglect'] },
  children: [{ ...CHILD, name, approximateAge: 3, education: 'not_school_age', outcome: 'seriously_harmed', ...child }],
  decision: { decision: 'notify', rationale: 'Demo: the criteria for a notification are met.' },
})

const CASES: readonly (readonly [Stage, DemoCase])[] = [
  ['notified', { ...demoCase('Child J Demo', 2, 'Demo: looked-after child died in hospital; an expected death.', { lookedAfter: true, outcome: 'died', approximateAge: 11, education: 'in_school' }), abuse: { abuseOrNeglect: 'not_suspected' } }],
  ['rapid_review', demoCase('Child K Demo', 8, 'Demo: toddler admitted with a head injury; neglect suspected.')],
  ['panel_responded', demoCase('Child L Demo', 30, 'Demo: baby found with burns; explanation inconsistent.')],
  ['practice_review', demoCase('Child M Demo', 70, 'Demo: child seriously harmed after repeated missed health appointments.')],
  ['closed', demoCase('Child N Demo', 45, 'Demo: child seriously harmed at home; agencies worked well together.')],
]

const CRITERIA_DEMO = {
  a: { met: true, reasons: 'Demo: improvements in sharing information are needed.' },
  b: { met: false, reasons: 'Demo: no recurrent theme found.' },
  c: { met: true, reasons: 'Demo: health and police did not share a referral.' },
  d: { met: false, reasons: 'Demo: the Panel has not considered the case.' },
}

export async function loadAfterDecisionDemo(services: AfterDecisionDemoServices, now: Clock, authorityId: string): Promise<void> {
  const actors = {
    recorder: await demoActor(services, 'practitioner@demo.example', authorityId),
    owner: await demoActor(services, 'decision-owner@demo.example', authorityId),
    police: await demoActor(services, 'partner@demo.example', authorityId),
  }
  const business = await demoActor(services, 'business-unit@demo.example', authorityId)
  const today = londonDay(now())
  for (const [stage, demo] of CASES) {
    const made = await recordDemoCase(services, actors, authorityId, demo, today)
    await advance(services, { ...actors, business }, made.id, made.version, stage, demo.awareDaysAgo, today)
  }
}

async function advance(services: AfterDecisionDemoServices, a: { owner: Actor; police: Actor; business: Actor }, id: string, start: number, stage: Stage, awareDaysAgo: number, today: CalendarDay): Promise<void> {
  let v = start
  const step = async (result: Promise<{ ok: true; version: number } | { ok: false }>, what: string) => {
    v = must(await result, what).version
  }
  const day = (ago: number) => today.addDays(-ago).toString()
  const owed = must(await services.notifications.owed(a.owner, id), 'owed').notifications[0]
  if (!owed) throw new Error('A demo case owes no notification')
  const sentDaysAgo = Math.max(0, awareDaysAgo - 1)
  await step(services.notifications.recordSubmission(a.owner, id, v, owed.id, { sentAt: `${day(sentDaysAgo)}T10:00:00.000Z`, nationalReference: `DEMO-${id.slice(0, 8)}`, sentBy: 'Dee Owner (demo)', partnersInformedOn: day(sentDaysAgo) }), 'notification sent')
  if (stage === 'notified') return
  await step(services.rapidReview.addRequest(a.business, id, v, { agency: 'health', contact: 'Named nurse (demo)', requestedOn: day(sentDaysAgo), workingDays: 5 }), 'request')
  await step(services.rapidReview.addMeeting(a.business, id, v, { heldOn: day(Math.max(0, sentDaysAgo - 3)), attendees: ['Police (demo)', 'Health (demo)', 'Children’s social care (demo)'] }), 'meeting')
  await step(services.rapidReview.contribute(a.police, id, v, { information: 'Demo: two call-outs to the address in the last year.' }), 'police information')
  if (stage === 'rapid_review') return
  await step(services.rapidReview.contribute(a.police, id, v, { signOff: true }), 'police sign-off')
  await step(services.rapidReview.contribute(a.owner, id, v, { signOff: true }), 'authority sign-off')
  const recommendation = stage === 'closed' ? 'no_further_review' : 'local_practice_review'
  await step(services.rapidReview.sendToPanel(a.business, id, v, { sentOn: day(sentDaysAgo - 15), recommendation, criteria: CRITERIA_DEMO, reasons: 'Demo: recommendation agreed by the three partners.' }), 'sent to the Panel')
  await step(services.rapidReview.recordPanelResponse(a.business, id, v, { receivedOn: day(sentDaysAgo - 20), agreed: true, comments: 'Demo: the Panel agrees.' }), 'Panel response')
  await step(services.learningActions.add(a.business, id, v, { source: 'rapid_review', description: 'Demo: share referrals between health and police within a day.', agencies: ['health', 'police'], ownerAgency: 'health', ownerPerson: 'Designated nurse (demo)', dueOn: day(-20) }), 'action')
  if (stage === 'panel_responded') return
  if (stage === 'closed') {
    await step(services.practiceReview.noFurtherReview(a.business, id, v, 'Demo: learning taken forward through the actions.'), 'no further review')
    await step(services.practiceReview.close(a.business, id, v, 'Demo: actions complete.'), 'closed')
    return
  }
  await step(services.practiceReview.commission(a.business, id, v, day(sentDaysAgo - 25)), 'practice review')
  await step(services.practiceReview.update(a.business, id, v, { reviewer: 'Independent reviewer (demo)', commissionedOn: day(sentDaysAgo - 30), termsOfReference: 'Demo: health appointments and information sharing.', plannedPublicationOn: day(-120) }), 'practice review details')
  await step(services.learningActions.add(a.business, id, v, { source: 'practice_review', description: 'Demo: audit missed appointments follow-up.', agencies: ['health'], ownerAgency: 'health', ownerPerson: 'Practice manager (demo)', dueOn: day(3) }), 'overdue action')
  await step(services.learningActions.add(a.business, id, v, { source: 'practice_review', description: 'Demo: briefing for school nurses.', agencies: ['health'], ownerAgency: 'health', ownerPerson: 'Named nurse (demo)', dueOn: day(10) }), 'action to complete')
  const actions = must(await services.learningActions.list(a.business, id), 'actions').actions
  const briefing = actions.find((x) => x.description.includes('briefing'))
  if (briefing) await step(services.learningActions.update(a.business, id, v, briefing.id, { status: 'complete', evidence: 'Demo: attendance list.', completedOn: day(12) }), 'action complete')
}
