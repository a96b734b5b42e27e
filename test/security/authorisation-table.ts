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
  /**
   * The test file that tries this route as each role and on another authority's record, where the
   * record is one the demo does not hold (a webhook, a token, an upload of one user's); the matrix
   * still requires the row, and checks the file exists (security-md style), but sends no requests.
   */
  readonly elsewhere?: string
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
  // Issue 7: webhooks, API tokens and docs, single sign-on links, bank holidays, imports.
  'GET /settings/webhooks': { allow: ['admin'] },
  'GET /settings/webhooks/new': { allow: ['admin'] },
  'POST /settings/webhooks/new': { allow: ['admin'] },
  'GET /settings/webhooks/:endpointId': { allow: ['admin'], elsewhere: 'src/web/features/settings/webhooks-routes.test.ts' },
  'POST /settings/webhooks/:endpointId/rotate': { allow: ['admin'], elsewhere: 'src/web/features/settings/webhooks-routes.test.ts' },
  'POST /settings/webhooks/:endpointId/disable': { allow: ['admin'], elsewhere: 'src/web/features/settings/webhooks-routes.test.ts' },
  'POST /settings/webhooks/:endpointId/enable': { allow: ['admin'], elsewhere: 'src/web/features/settings/webhooks-routes.test.ts' },
  'GET /api/v1/openapi.json': { allow: 'public' },
  'GET /api/docs': { allow: 'public' },
  'GET /settings/api-tokens': { allow: ['auditor', 'admin'] },
  'GET /settings/api-tokens/new': { allow: ['admin'] },
  'POST /settings/api-tokens/new': { allow: ['admin'] },
  'POST /settings/api-tokens/:tokenId/revoke': { allow: ['admin'], elsewhere: 'src/web/features/api-tokens/routes.test.ts' },
  'GET /settings/users/:userId/single-sign-on': { allow: ['admin'], record: true },
  'POST /settings/users/:userId/single-sign-on': { allow: ['admin'], record: true },
  'POST /settings/users/:userId/single-sign-on/:identityId/remove': { allow: ['admin'], elsewhere: 'src/web/features/single-sign-on/routes.test.ts' },
  'GET /settings/bank-holidays': { allow: ['admin'] },
  'POST /settings/bank-holidays': { allow: ['admin'] },
  'POST /settings/bank-holidays/apply': { allow: ['admin'] },
  'GET /incidents/import': { allow: RECORDERS },
  'POST /incidents/import': { allow: RECORDERS },
  'GET /incidents/import/:id/columns': { allow: RECORDERS, elsewhere: 'src/web/features/imports/routes.test.ts' },
  'POST /incidents/import/:id/columns': { allow: RECORDERS, elsewhere: 'src/web/features/imports/routes.test.ts' },
  'GET /incidents/import/:id/check': { allow: RECORDERS, elsewhere: 'src/web/features/imports/routes.test.ts' },
  'POST /incidents/import/:id/check': { allow: RECORDERS, elsewhere: 'src/web/features/imports/routes.test.ts' },
  // Issue 8: multi-factor sign-in and the account's own sign-in details, retention, subject access.
  'GET /sign-in/code': { allow: 'public' },
  'POST /sign-in/code': { allow: 'public' },
  'GET /sign-in/set-up-authenticator': { allow: 'public' },
  'POST /sign-in/set-up-authenticator': { allow: 'public' },
  'GET /account': { allow: 'signed-in' },
  'GET /account/recovery-codes': { allow: 'signed-in' },
  'GET /account/confirm': { allow: 'signed-in', elsewhere: 'src/web/features/multi-factor/routes.test.ts' },
  'POST /account/confirm': { allow: 'signed-in', elsewhere: 'src/web/features/multi-factor/routes.test.ts' },
  'GET /account/password': { allow: 'signed-in' },
  'POST /account/password': { allow: 'signed-in' },
  'GET /account/authenticator': { allow: 'signed-in' },
  'POST /account/authenticator': { allow: 'signed-in' },
  'GET /account/new-recovery-codes': { allow: 'signed-in' },
  'POST /account/new-recovery-codes': { allow: 'signed-in' },
  // Your sessions (ASVS 7.5.2): the user's own only; another user's session is tried in the file named.
  'GET /account/sessions': { allow: 'signed-in' },
  'POST /account/sessions/:handle/end': { allow: 'signed-in', elsewhere: 'src/web/features/account-sessions/routes.test.ts' },
  'POST /account/sessions/end-others': { allow: 'signed-in' },
  'GET /settings/retention': { allow: ['auditor', 'admin'] },
  'POST /settings/retention': { allow: ['admin'] },
  'GET /incidents/:id/children/:childId/subject-access': { allow: REVIEWERS, record: true },
  'POST /incidents/:id/children/:childId/subject-access': { allow: REVIEWERS, record: true },
}
