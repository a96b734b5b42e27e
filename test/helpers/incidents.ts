// Helpers for incident tests: demo actors as the web layer builds them, and a complete record.
import assert from 'node:assert/strict'
import { Permissions } from '../../src/domain/permissions/index.js'
import { DEMO_PASSWORD, type Actor, type Services } from '../../src/services/index.js'

/** Signs a demo account in and makes the Actor the web layer would, working in `authorityCode`. */
export async function actorFor(services: Services, email: string, authorityCode = 'COV'): Promise<Actor> {
  const result = await services.signIn({ email, password: DEMO_PASSWORD })
  assert.ok(result.ok, `sign in ${email}`)
  const current = result.user.memberships.find((m) => m.authorityCode === authorityCode)?.authorityId
  return { kind: 'user', userId: result.user.id, email, permissions: new Permissions(result.user.memberships, current) }
}

/** The demo accounts a case meets, signed in as the web layer would, in Coventry. */
export async function demoActors(services: Services) {
  return {
    recorder: await actorFor(services, 'practitioner@demo.example'),
    owner: await actorFor(services, 'decision-owner@demo.example'),
    police: await actorFor(services, 'partner@demo.example'),
    business: await actorFor(services, 'business-unit@demo.example'),
    auditor: await actorFor(services, 'auditor@demo.example'),
  }
}

/** A complete fictional child; override what the test is about. */
export const CHILD = {
  nameStatus: 'known', name: 'Child Test Demo', approximateAge: 5, sex: 'not_known', ethnicity: 'not_stated', disability: 'no', normallyResident: true, lookedAfter: false,
  careLeaver: false, childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'no', education: 'in_school', outcome: 'seriously_harmed',
} as const

export const SECTIONS = {
  incident: { incidentDate: '2026-11-20', outline: 'Test outline (fictional).', location: 'this_area' },
  abuse: { abuseOrNeglect: 'suspected', kinds: ['physical'] },
  safeguarding: { agencies: 'Police (fictional)', otherChildrenAtRisk: 'no', actionTaken: 'Safety plan (fictional).' },
} as const

/** Records a complete incident as the practitioner, with the given children, returning id and version. */
export async function recordIncident(
  services: Services,
  recorder: Actor,
  options: { awareDate?: string; incident?: object; abuse?: object; children?: readonly object[]; submit?: boolean } = {},
): Promise<{ id: string; version: number; reference: string }> {
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const started = await services.incidents.start(recorder, cov.id, { awareDate: options.awareDate ?? '2026-11-23', source: 'hospital' })
  assert.ok(started.ok, JSON.stringify(started))
  let version = started.version
  const ok = (r: { ok: true; version: number } | { ok: false }) => {
    assert.ok(r.ok, JSON.stringify(r))
    version = r.version
  }
  ok(await services.incidents.saveSection(recorder, started.id, version, 'incident', { ...SECTIONS.incident, ...options.incident }))
  ok(await services.incidents.saveSection(recorder, started.id, version, 'abuse', options.abuse ?? SECTIONS.abuse))
  ok(await services.incidents.saveSection(recorder, started.id, version, 'safeguarding', SECTIONS.safeguarding))
  for (const child of options.children ?? [CHILD]) ok(await services.incidents.addChild(recorder, started.id, version, child))
  if (options.submit !== false) ok(await services.incidents.submit(recorder, started.id, version))
  return { id: started.id, version, reference: started.reference }
}
