// Demo cases for a newcomer to explore: fictional incidents at different stages, covering each of
// the engine's outcomes (notify, judgement required, other authority, not required), a
// looked-after child's death, a care leaver's death and two siblings. Every name is plainly
// fictional ("Child A Demo"). Created through the services as the demo accounts, so the audit
// trail shows them like any other work. Loading twice changes nothing.
import type { CalendarDay } from '../domain/calendar/index.js'
import type { ChildDetails } from '../domain/incident/index.js'
import { Permissions } from '../domain/permissions/index.js'
import type { authorityService } from './authorities.js'
import type { Actor, Clock } from './context.js'
import type { decisionService } from './decisions.js'
import { londonDay } from './incident-access.js'
import type { incidentService } from './incidents.js'
import type { partnerViewService } from './partner-views.js'
import type { userService } from './users.js'

export interface DemoCaseServices {
  readonly authorities: ReturnType<typeof authorityService>
  readonly users: ReturnType<typeof userService>
  readonly incidents: ReturnType<typeof incidentService>
  readonly partnerViews: ReturnType<typeof partnerViewService>
  readonly decisions: ReturnType<typeof decisionService>
}

type Stage = 'draft' | 'needs_discussion' | 'partners_consulted' | 'decided'

export interface DemoCase {
  readonly awareDaysAgo: number
  readonly incidentDaysAgo: number
  readonly incident: Record<string, unknown>
  readonly abuse: Record<string, unknown>
  readonly children: readonly ChildDetails[]
  readonly stage: Stage
  readonly decision?: Record<string, unknown>
}

export const CHILD: ChildDetails = {
  nameStatus: 'known', sex: 'not_known', ethnicity: 'not_stated', disability: 'not_known', normallyResident: true, lookedAfter: false, careLeaver: false,
  childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'no', education: 'in_school',
}
const SAFEGUARDING = { agencies: 'Police, hospital, children’s social care (demo)', otherChildrenAtRisk: 'no', actionTaken: 'Strategy discussion held; safety plan agreed (demo).' }
const here = { location: 'this_area' }

const CASES: readonly DemoCase[] = [
  {
    awareDaysAgo: 9, incidentDaysAgo: 10, stage: 'decided', incident: { ...here, outline: 'Demo: infant admitted with unexplained fractures; account inconsistent.' }, abuse: { abuseOrNeglect: 'suspected', kinds: ['physical'] },
    children: [{ ...CHILD, name: 'Child A Demo', approximateAge: 0, education: 'not_school_age', outcome: 'seriously_harmed' }],
    decision: { decision: 'notify', rationale: 'Demo: serious harm and physical abuse suspected in our area; the rapid review will gather the facts.' },
  },
  {
    awareDaysAgo: 1, incidentDaysAgo: 2, stage: 'needs_discussion', incident: { ...here, outline: 'Demo: bruising seen at school; seriousness of harm not yet clear.' }, abuse: { abuseOrNeglect: 'suspected', kinds: ['physical'] },
    children: [{ ...CHILD, name: 'Child B Demo', approximateAge: 7, knownToSocialCare: 'yes', outcome: 'harm_uncertain' }],
  },
  {
    awareDaysAgo: 6, incidentDaysAgo: 6, stage: 'decided', incident: { location: 'elsewhere_in_england', otherAuthorityName: 'Demo Borough Council', outline: 'Demo: child from our area seriously hurt while visiting another area; exploitation suspected.' },
    abuse: { abuseOrNeglect: 'suspected', kinds: ['exploitation'] }, children: [{ ...CHILD, name: 'Child C Demo', approximateAge: 14, outcome: 'seriously_harmed' }],
    decision: { decision: 'refer_to_other_authority', rationale: 'Demo: the incident happened in Demo Borough, whose duty it is; we will share what we know.' },
  },
  {
    awareDaysAgo: 12, incidentDaysAgo: 12, stage: 'decided', incident: { ...here, outline: 'Demo: road traffic collision while properly supervised; no safeguarding concerns.' }, abuse: { abuseOrNeglect: 'not_suspected' },
    children: [{ ...CHILD, name: 'Child D Demo', approximateAge: 10, outcome: 'seriously_harmed' }],
    decision: { decision: 'do_not_notify', rationale: 'Demo: no abuse or neglect is known or suspected.' },
  },
  {
    awareDaysAgo: 2, incidentDaysAgo: 3, stage: 'needs_discussion', incident: { ...here, outline: 'Demo: looked-after child died of a known life-limiting condition; an expected death.' }, abuse: { abuseOrNeglect: 'not_suspected' },
    children: [{ ...CHILD, name: 'Child E Demo', approximateAge: 12, lookedAfter: true, disability: 'yes', outcome: 'died' }],
  },
  {
    awareDaysAgo: 0, incidentDaysAgo: 1, stage: 'draft', incident: { ...here, outline: 'Demo: care leaver aged 21 died; circumstances being established.' }, abuse: { abuseOrNeglect: 'not_yet_known' },
    children: [{ ...CHILD, name: 'Young person F Demo', approximateAge: 21, careLeaver: true, education: 'not_in_education', outcome: 'died' }],
  },
  {
    awareDaysAgo: 3, incidentDaysAgo: 4, stage: 'partners_consulted', incident: { ...here, outline: 'Demo: two siblings seriously harmed by a parent in one incident.' }, abuse: { abuseOrNeglect: 'known', kinds: ['physical', 'neglect'] },
    children: [
      { ...CHILD, name: 'Child G Demo', approximateAge: 4, education: 'not_school_age', siblingGroup: 'A', childProtectionPlan: 'current', outcome: 'seriously_harmed' },
      { ...CHILD, name: 'Child H Demo', approximateAge: 6, siblingGroup: 'A', childProtectionPlan: 'current', outcome: 'seriously_harmed' },
    ],
  },
]

/** The demo account acting in Coventry, as the web layer would build it after sign-in. */
export async function demoActor(services: DemoCaseServices, email: string, authorityId: string): Promise<Actor> {
  const user = await services.users.findByEmail(email)
  const signedIn = user ? await services.users.signedIn(user.id) : null
  if (!signedIn) throw new Error(`The demo account ${email} is missing: load the demo accounts first`)
  return { kind: 'user', userId: signedIn.id, email, permissions: new Permissions(signedIn.memberships, authorityId) }
}

export function must<T extends { ok: boolean }>(result: T, what: string): T & { ok: true } {
  if (!result.ok) throw new Error(`Could not load the demo case (${what}): ${JSON.stringify(result)}`)
  return result as T & { ok: true }
}

export async function loadDemoCases(services: DemoCaseServices, now: Clock): Promise<{ loaded: boolean }> {
  if (process.env.NODE_ENV === 'production') throw new Error('The demo is never loaded in production')
  const cov = await services.authorities.getByCode('COV')
  if (!cov) throw new Error('The demo authority COV is missing: load the demo accounts first')
  const recorder = await demoActor(services, 'practitioner@demo.example', cov.id)
  const owner = await demoActor(services, 'decision-owner@demo.example', cov.id)
  const police = await demoActor(services, 'partner@demo.example', cov.id)
  // Idempotent: any case in the demo authority means the demo cases are there.
  const existing = must(await services.incidents.listIncidents(owner), 'list')
  if (existing.incidents.length > 0 || must(await services.incidents.listIncidents(recorder), 'list').incidents.length > 0) return { loaded: false }

  const today = londonDay(now())
  for (const demo of CASES) await recordDemoCase(services, { recorder, owner, police }, cov.id, demo, today)
  return { loaded: true }
}

/** Records one demo case up to its stage, as the demo accounts; answers its id and version. */
export async function recordDemoCase(
  services: DemoCaseServices,
  actors: { readonly recorder: Actor; readonly owner: Actor; readonly police: Actor },
  authorityId: string,
  demo: DemoCase,
  today: CalendarDay,
): Promise<{ id: string; version: number }> {
  const { recorder, owner, police } = actors
  const started = must(await services.incidents.start(recorder, authorityId, { awareDate: today.addDays(-demo.awareDaysAgo).toString(), source: 'police' }), 'start')
  let version = started.version
  const save = async (step: Promise<{ ok: true; version: number } | { ok: false }>, what: string) => {
    version = must(await step, what).version
  }
  await save(services.incidents.saveSection(recorder, started.id, version, 'incident', { ...demo.incident, incidentDate: today.addDays(-demo.incidentDaysAgo).toString() }), 'incident')
  await save(services.incidents.saveSection(recorder, started.id, version, 'abuse', demo.abuse), 'abuse')
  await save(services.incidents.saveSection(recorder, started.id, version, 'safeguarding', SAFEGUARDING), 'safeguarding')
  for (const child of demo.children) await save(services.incidents.addChild(recorder, started.id, version, child), 'child')
  if (demo.stage !== 'draft') await save(services.incidents.submit(recorder, started.id, version), 'submit')
  if (demo.stage === 'partners_consulted' || demo.stage === 'decided') {
    await save(services.partnerViews.requestViews(owner, started.id, version), 'request views')
    await save(services.partnerViews.recordView(police, started.id, version, { view: 'notify', reasons: 'Demo: the police view is to notify.' }), 'police view')
  }
  if (demo.stage === 'decided' && demo.decision) await save(services.decisions.recordDecision(owner, started.id, version, demo.decision), 'decision')
  return { id: started.id, version }
}
