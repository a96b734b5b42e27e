// THE AUTHORISATION MATRIX: who may use each route. One row per "METHOD pattern" exactly as the
// router has it (HEAD rows are checked against their GET row, so they need no row of their own).
//
//   allow:  'public'    anyone, signed in or not
//           'signed-in' any signed-in user, whatever their role
//           [roles]     only these roles (in the authority they are working in); every other
//                       role is refused with 403, signed-out users are sent to /sign-in
//   record: true when the URL names a record of one authority (a case, a user): with another
//           authority's id it answers 404 to everyone, exactly like a missing one (ASVS 8.2.2, 8.4.1)
//
// A route the router has and this table lacks fails the test with the row to add.
import type { Role } from '../../src/domain/permissions/index.js'

export type Allow = 'public' | 'signed-in' | readonly Role[]
export interface Row {
  readonly allow: Allow
  readonly record?: boolean
}

const CASE_READERS: readonly Role[] = ['practitioner', 'decision-owner', 'partner', 'business-unit', 'auditor']
const RECORDERS: readonly Role[] = ['practitioner', 'decision-owner']
const DECIDERS: readonly Role[] = ['decision-owner']
const NOTIFIERS: readonly Role[] = ['decision-owner', 'business-unit']
const REVIEWERS: readonly Role[] = ['business-unit']
const CONTRIBUTORS: readonly Role[] = ['decision-owner', 'partner', 'business-unit']
const case_ = (allow: readonly Role[]): Row => ({ allow, record: true })

export const MATRIX: Readonly<Record<string, Row>> = {
  'GET /assets/build/*': { allow: 'public' },
  'GET /assets/js/*': { allow: 'public' },
  'GET /assets/*': { allow: 'public' },
  'GET /sign-in': { allow: 'public' },
  'POST /sign-in': { allow: 'public' },
  'POST /sign-out': { allow: 'public' },
  'POST /keep-alive': { allow: 'signed-in' },
  'GET /signed-out': { allow: 'public' },
  'GET /': { allow: 'signed-in' },
  'POST /': { allow: CASE_READERS },
  'GET /switch-authority': { allow: 'signed-in' },
  'POST /switch-authority': { allow: 'signed-in' },
  'GET /accessibility': { allow: 'public' },
  'GET /privacy': { allow: 'public' },
  'GET /cookies': { allow: 'public' },
  'GET /health': { allow: 'public' },
  'GET /settings': { allow: ['auditor', 'admin'] },
  'GET /settings/details': { allow: ['admin'] },
  'POST /settings/details': { allow: ['admin'] },
  'GET /settings/partners': { allow: ['admin'] },
  'POST /settings/partners': { allow: ['admin'] },
  'GET /settings/users': { allow: ['auditor', 'admin'] },
  'GET /settings/users/new': { allow: ['admin'] },
  'POST /settings/users/new': { allow: ['admin'] },
  'GET /settings/users/:userId/role': { allow: ['admin'], record: true },
  'POST /settings/users/:userId/role': { allow: ['admin'], record: true },
  'POST /settings/users/:userId/disable': { allow: ['admin'], record: true },
  'POST /settings/users/:userId/enable': { allow: ['admin'], record: true },
  'GET /audit': { allow: ['auditor'] },
  'GET /incidents': { allow: CASE_READERS },
  'GET /incidents/:id': case_(CASE_READERS),
  'GET /incidents/new': { allow: RECORDERS },
  'POST /incidents/new': { allow: RECORDERS },
  'GET /incidents/:id/record': case_(RECORDERS),
  'GET /incidents/:id/record/:section': case_(RECORDERS),
  'POST /incidents/:id/record/:section': case_(RECORDERS),
  'GET /incidents/:id/check': case_(RECORDERS),
  'POST /incidents/:id/submit': case_(RECORDERS),
  'GET /incidents/:id/children': case_(RECORDERS),
  'GET /incidents/:id/children/new': case_(RECORDERS),
  'POST /incidents/:id/children/new': case_(RECORDERS),
  'GET /incidents/:id/children/:childId': case_(RECORDERS),
  'POST /incidents/:id/children/:childId': case_(RECORDERS),
  'GET /incidents/:id/children/:childId/remove': case_(RECORDERS),
  'POST /incidents/:id/children/:childId/remove': case_(RECORDERS),
  'GET /incidents/:id/request-views': case_(['decision-owner', 'business-unit']),
  'POST /incidents/:id/request-views': case_(['decision-owner', 'business-unit']),
  'GET /incidents/:id/view': case_(['decision-owner', 'partner']),
  'POST /incidents/:id/view': case_(['decision-owner', 'partner']),
  'GET /incidents/raise': { allow: ['partner'] },
  'POST /incidents/raise': { allow: ['partner'] },
  'GET /incidents/:id/decision': case_(DECIDERS),
  'POST /incidents/:id/decision': case_(DECIDERS),
  'GET /incidents/:id/revisit': case_(DECIDERS),
  'POST /incidents/:id/revisit': case_(DECIDERS),
  'GET /incidents/:id/liaison': case_(DECIDERS),
  'POST /incidents/:id/liaison': case_(DECIDERS),
  'GET /incidents/:id/notifications': case_(RECORDERS),
  'POST /incidents/:id/notifications': case_(RECORDERS),
  'GET /outbox': { allow: ['business-unit', 'admin'] },
  'GET /incidents/:id/notification/:nid': case_(NOTIFIERS),
  'POST /incidents/:id/notification/:nid': case_(NOTIFIERS),
  'GET /incidents/:id/notification/:nid/pdf': case_(NOTIFIERS),
  'POST /incidents/:id/notification/:nid/pdf': case_(NOTIFIERS),
  'GET /incidents/:id/notification/:nid/sent': case_(NOTIFIERS),
  'POST /incidents/:id/notification/:nid/sent': case_(NOTIFIERS),
  'GET /incidents/:id/partners-informed': case_(NOTIFIERS),
  'POST /incidents/:id/partners-informed': case_(NOTIFIERS),
  'GET /incidents/:id/withdraw': case_(NOTIFIERS),
  'POST /incidents/:id/withdraw': case_(NOTIFIERS),
  'GET /incidents/:id/rapid-review': case_(CASE_READERS),
  'GET /incidents/:id/rapid-review/request': case_(REVIEWERS),
  'POST /incidents/:id/rapid-review/request': case_(REVIEWERS),
  'GET /incidents/:id/rapid-review/request/:entryId/received': case_(REVIEWERS),
  'POST /incidents/:id/rapid-review/request/:entryId/received': case_(REVIEWERS),
  'GET /incidents/:id/rapid-review/meeting': case_(REVIEWERS),
  'POST /incidents/:id/rapid-review/meeting': case_(REVIEWERS),
  'GET /incidents/:id/rapid-review/safeguarding-action': case_(REVIEWERS),
  'POST /incidents/:id/rapid-review/safeguarding-action': case_(REVIEWERS),
  'GET /incidents/:id/rapid-review/contribute': case_(CONTRIBUTORS),
  'POST /incidents/:id/rapid-review/contribute': case_(CONTRIBUTORS),
  'GET /incidents/:id/rapid-review/send': case_(REVIEWERS),
  'POST /incidents/:id/rapid-review/send': case_(REVIEWERS),
  'GET /incidents/:id/rapid-review/panel-response': case_(REVIEWERS),
  'POST /incidents/:id/rapid-review/panel-response': case_(REVIEWERS),
  'GET /incidents/:id/practice-review': case_(CASE_READERS),
  'GET /incidents/:id/practice-review/commission': case_(REVIEWERS),
  'POST /incidents/:id/practice-review/commission': case_(REVIEWERS),
  'GET /incidents/:id/practice-review/details': case_(REVIEWERS),
  'POST /incidents/:id/practice-review/details': case_(REVIEWERS),
  'GET /incidents/:id/practice-review/no-further-review': case_(REVIEWERS),
  'POST /incidents/:id/practice-review/no-further-review': case_(REVIEWERS),
  'GET /incidents/:id/close': case_(NOTIFIERS),
  'POST /incidents/:id/close': case_(NOTIFIERS),
  'GET /incidents/:id/reopen': case_(NOTIFIERS),
  'POST /incidents/:id/reopen': case_(NOTIFIERS),
  'GET /incidents/:id/actions': case_(CASE_READERS),
  'GET /incidents/:id/actions/new': case_(REVIEWERS),
  'POST /incidents/:id/actions/new': case_(REVIEWERS),
  'GET /incidents/:id/actions/:actionId': case_(REVIEWERS),
  'POST /incidents/:id/actions/:actionId': case_(REVIEWERS),
  'GET /incidents/:id/clocks/extend': case_(REVIEWERS),
  'POST /incidents/:id/clocks/extend': case_(REVIEWERS),
  'GET /incidents/:id/chronology': case_(CASE_READERS),
  'GET /incidents/:id/chronology/export': case_(CASE_READERS),
  'POST /incidents/:id/chronology/export': case_(CASE_READERS),
  'GET /reports': { allow: ['decision-owner', 'business-unit', 'auditor'] },
  'GET /reports/yearly': { allow: ['decision-owner', 'business-unit', 'auditor'] },
  'GET /reports/export': { allow: ['business-unit'] },
  'POST /reports/export': { allow: ['business-unit'] },
}
