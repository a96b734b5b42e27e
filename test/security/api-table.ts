// THE BEARER-TOKEN API'S AUTHORISATION MATRIX: what each /api/v1 route needs. One row per
// "METHOD pattern" exactly as the router has it (HEAD rows are checked against their GET row).
//
//   scope:  the token scope the route needs. A token of the route's authority with it gets through;
//           one without it gets 403 (insufficient_scope); no token, a malformed, unknown, revoked or
//           expired one gets 401 with a Bearer challenge
//   record: true when the URL names a record of one authority (a case and its parts): another
//           authority's token, even with both scopes, gets exactly what a missing record gets (404)
//   body:   a valid request body, and query: the query string the route needs, so that a request
//           reaches the record rather than stopping at 400
//
// A route the router has and this table lacks (or a row without a route) fails the test.
import { ACTION_STATUSES, AGENCIES, RECOMMENDATIONS } from '../../src/domain/after-decision/index.js'

export interface ApiRow {
  readonly scope: 'read' | 'write'
  readonly record?: boolean
  readonly body?: unknown
  readonly query?: string
}

const DAY = '2026-11-24'
const CHILD = {
  nameStatus: 'known', name: 'Child Matrix Demo', approximateAge: 5, sex: 'not_known', ethnicity: 'not_stated', disability: 'no', normallyResident: true, lookedAfter: false,
  careLeaver: false, childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'no', education: 'in_school', outcome: 'seriously_harmed',
}
const met = { met: true, reasons: 'Matrix test reasons (fictional).' }
const read: ApiRow = { scope: 'read', record: true }
const write = (body: unknown): ApiRow => ({ scope: 'write', record: true, body })

export const API_MATRIX: Readonly<Record<string, ApiRow>> = {
  'POST /api/v1/assessments': { scope: 'read', body: { awareDate: '2026-11-20', outcome: 'seriously_harmed', abuseOrNeglect: 'suspected', location: 'this_area', normallyResident: true } },
  'GET /api/v1/incidents': { scope: 'read' },
  'GET /api/v1/incidents/:incidentId': read,
  'POST /api/v1/incidents': { scope: 'write', body: { awareness: { awareDate: DAY, source: 'hospital' } } },
  'PATCH /api/v1/incidents/:incidentId': write({ safeguarding: { agencies: 'Police (fictional)', otherChildrenAtRisk: 'no', actionTaken: 'Safety plan (fictional).' } }),
  'POST /api/v1/incidents/:incidentId/children': write(CHILD),
  'PUT /api/v1/incidents/:incidentId/children/:childId': write(CHILD),
  'POST /api/v1/incidents/:incidentId/submission': write({}),
  'GET /api/v1/incidents/:incidentId/decisions': read,
  'POST /api/v1/incidents/:incidentId/decisions': write({ decision: 'notify', rationale: 'Matrix test (fictional).' }),
  'GET /api/v1/incidents/:incidentId/notifications': read,
  'GET /api/v1/incidents/:incidentId/notifications/:notificationId/pack': { ...read, query: '?justification=Matrix+test' },
  'POST /api/v1/incidents/:incidentId/notifications/:notificationId/submission': write({ sentAt: `${DAY}T09:00:00.000Z`, nationalReference: 'NAT-MATRIX-1', sentBy: 'Matrix test (fictional)' }),
  'GET /api/v1/incidents/:incidentId/rapid-review': read,
  'POST /api/v1/incidents/:incidentId/rapid-review/requests': write({ agency: AGENCIES[0], contact: 'Contact (fictional)', requestedOn: DAY, workingDays: 5 }),
  'POST /api/v1/incidents/:incidentId/rapid-review/sent': write({ sentOn: DAY, recommendation: RECOMMENDATIONS[0], criteria: { a: met, b: met, c: met, d: met }, reasons: 'Matrix test (fictional).' }),
  'POST /api/v1/incidents/:incidentId/rapid-review/panel-response': write({ receivedOn: DAY, agreed: true, comments: '' }),
  'GET /api/v1/incidents/:incidentId/practice-review': read,
  'POST /api/v1/incidents/:incidentId/practice-review': write({ decidedOn: DAY }),
  'PATCH /api/v1/incidents/:incidentId/practice-review': write({ reviewer: 'Reviewer (fictional)' }),
  'GET /api/v1/incidents/:incidentId/actions': read,
  'POST /api/v1/incidents/:incidentId/actions': write({ source: 'practice_review', description: 'Matrix test (fictional).', agencies: [AGENCIES[1]], ownerAgency: AGENCIES[1], ownerPerson: 'Owner (fictional)', dueOn: '2026-12-24' }),
  'PATCH /api/v1/incidents/:incidentId/actions/:actionId': write({ status: ACTION_STATUSES[1] }),
  'GET /api/v1/incidents/:incidentId/clocks': read,
  'POST /api/v1/incidents/:incidentId/clocks/:clockKey/extensions': write({ newDue: '2026-12-24', reason: 'Matrix test (fictional).', agreedBy: 'Panel (fictional)' }),
  'GET /api/v1/clocks': { scope: 'read' },
}
