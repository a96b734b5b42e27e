// The composition root for everything below the faces (web, cli): one typed object holding
// every service, built from the database and a clock (the typed-factory pattern of
// hmpps-template-typescript's `services()`; no container).
//
// How to use them (web):
//   const database = await openDatabase(config.databaseUrl)   // src/data/db.ts
//   await migrateToLatest(database)
//   const services = createServices(database)                  // tests: createServices(database, { now: testClock() })
//   if (config.loadDemo) print((await services.loadDemo()).signIns)
//   - sign in:   const r = await services.signIn({ email, password, ip, requestId })
//                r.ok ? regenerate the session, then session.userId = r.user.id : show SIGN_IN_REFUSED_MESSAGE
//   - sessions:  register @fastify/session with { store: services.sessionStore, rolling: true,
//                cookie: { maxAge: SESSION_LIMITS.idleMs } }. The store reads `session.userId`
//                (a string) to know whose session it is, and itself refuses idle or too old ones.
//   - each request: const user = await services.users.signedIn(session.userId) (null: disabled
//                or gone, so sign out), then new Permissions(user.memberships, session.authorityId)
//                and an Actor: { kind: 'user', userId, email, permissions, requestId, ip }.
//   - services answer { ok: true, ... } or { ok: false, reason } (never HTTP statuses):
//                'forbidden' → 404 or 403 as the route decides, 'not-found' → 404, 'stale' → 409,
//                'invalid' → 400 with `errors` keyed by field.
//   - audit:     services.audit.record(actor, { action: 'record.viewed', outcome: 'done', authorityId,
//                recordType, recordId }) for views, refusals and exports (with justification);
//                services.audit.query(actor, authorityId, filters) for the auditors' page.
//   - health:    services.health() for /health.
import { bundledCalendarPath, loadBundledCalendar, loadCalendar } from '../calendar/bundled.js'
import { bankHolidayService, type LiveCalendarDeps } from './bank-holidays.js'
import { importService } from './imports.js'
import type { Database } from '../data/db.js'
import type { BankHolidayCalendar } from '../domain/calendar/index.js'
import { databaseIsReachable } from '../data/db.js'
import { auditService } from './audit.js'
import { apiTokenService } from './api-tokens.js'
import { authorityService, partnerService } from './authorities.js'
import type { Clock, ServiceDeps } from './context.js'
import { decisionService } from './decisions.js'
import { loadDemo } from './demo.js'
import { loadDemoCases } from './demo-cases.js'
import { loadAfterDecisionDemo } from './demo-after-decision.js'
import { incidentService } from './incidents.js'
import { notificationService } from './notifications.js'
import { chronologyService } from './chronology.js'
import { clockService } from './clocks.js'
import { learningActionService } from './learning-actions.js'
import { practiceReviewService } from './practice-review.js'
import { rapidReviewService } from './rapid-review.js'
import { reportService } from './reports.js'
import { partnerViewService } from './partner-views.js'
import { outboxService, reminderService, type ReminderSettings } from './reminders.js'
import { sessionStore } from './session-store.js'
import { signInService } from './sign-in.js'
import { singleSignOnService } from './single-sign-on.js'
import { multiFactorService } from './multi-factor.js'
import { signInDetailsService } from './sign-in-details.js'
import { userSessionService } from './user-sessions.js'
import { userService } from './users.js'
import { webhookDeliveryService, type WebhookDeliverySettings } from './webhook-deliveries.js'
import { webhookService, type WebhookManagementSettings } from './webhooks.js'
import { parseSecretKey } from './webhook-secrets.js'
import { worklistService } from './worklist.js'
import { retentionService } from './retention.js'
import { subjectAccessService } from './subject-access.js'

export interface ServiceOptions {
  /** The clock; defaults to the system clock. Tests pass testClock(). */
  readonly now?: Clock
  /** The bank holiday calendar for deadlines; defaults to the bundled England and Wales one. */
  readonly calendar?: BankHolidayCalendar
  /** WEBHOOK_SECRET_KEY: seals webhook signing secrets at rest (webhook-secrets.ts). */
  readonly webhookSecretKey?: string | null
  /** The bank holiday file the admin page updates; defaults to the bundled one. Tests pass a copy. */
  readonly holidaysFile?: string
}

export function createServices(database: Database, options: ServiceOptions = {}) {
  const deps: ServiceDeps = { database, now: options.now ?? (() => new Date()) }
  const authorities = authorityService(deps)
  const partners = partnerService(deps)
  const users = userService(deps)
  const multiFactor = multiFactorService(deps)
  const incidentDeps: LiveCalendarDeps = { ...deps, calendar: options.calendar ?? (options.holidaysFile ? loadCalendar(options.holidaysFile) : loadBundledCalendar()) }
  const webhookKey = options.webhookSecretKey ? parseSecretKey(options.webhookSecretKey) : null
  const incidents = incidentService(incidentDeps)
  const clocks = clockService(incidentDeps)
  const partnerViews = partnerViewService(incidentDeps)
  const decisions = decisionService(incidentDeps)
  const afterDecision = {
    notifications: notificationService(incidentDeps),
    rapidReview: rapidReviewService(incidentDeps),
    practiceReview: practiceReviewService(incidentDeps),
    learningActions: learningActionService(incidentDeps),
  }
  return {
    now: deps.now,
    /** The bank holiday calendar deadlines are counted on (the worklist's filters use it too). */
    get calendar(): BankHolidayCalendar {
      return incidentDeps.calendar
    },
    authorities,
    partners,
    users,
    signIn: signInService(deps),
    singleSignOn: singleSignOnService(deps),
    multiFactor,
    signInDetails: signInDetailsService(deps, multiFactor),
    sessionStore: sessionStore(deps),
    /** A user's own sessions: list them, end one or all the others ("Your sessions"). */
    userSessions: userSessionService(deps),
    audit: auditService(deps),
    incidents,
    partnerViews,
    decisions,
    ...afterDecision,
    clocks,
    imports: importService(incidentDeps),
    bankHolidays: bankHolidayService(incidentDeps, options.holidaysFile ?? bundledCalendarPath, clocks),
    chronology: chronologyService(incidentDeps),
    worklist: worklistService(incidentDeps),
    reports: reportService(incidentDeps),
    outbox: outboxService(deps),
    /** The scheduler's tick (src/jobs, `sin reminders run`), with the configured sender and points. */
    reminders: (settings: ReminderSettings) => reminderService(incidentDeps, settings),
    /** An authority's webhook endpoints (settings pages), and the scheduler's webhook tick. */
    webhooks: (settings: WebhookManagementSettings) => webhookService(deps, { secretKey: webhookKey, ...settings }),
    webhookDeliveries: (settings: WebhookDeliverySettings) => webhookDeliveryService(incidentDeps, { secretKey: webhookKey, ...settings }),
    loadDemo: async () => {
      const result = await loadDemo({ authorities, partners, users, multiFactor })
      const demoCases = { authorities, users, incidents, partnerViews, decisions }
      const cases = await loadDemoCases(demoCases, deps.now)
      const cov = cases.loaded ? await authorities.getByCode('COV') : undefined
      if (cov) await loadAfterDecisionDemo({ ...demoCases, ...afterDecision }, deps.now, cov.id)
      return result
    },
    /** API bearer tokens (issue 7): create, list, revoke, authenticate. */
    apiTokens: apiTokenService(deps),
    /** Retention periods and the run (src/jobs, `sin retention run`); docs/retention.md. */
    retention: retentionService(deps),
    /** Everything held about one child, for a subject access request. */
    subjectAccess: subjectAccessService(incidentDeps),
    health: async (): Promise<{ database: 'ok' | 'unavailable' }> => ({ database: (await databaseIsReachable(database)) ? 'ok' : 'unavailable' }),
  }
}

export type Services = ReturnType<typeof createServices>

export { systemActor, testClock, type Actor, type AuditEvent, type Clock } from './context.js'
export { SESSION_LIMITS, type SessionStore } from './session-store.js'
export { LOCKOUT, SIGN_IN_REFUSED_MESSAGE, type SignInResult } from './sign-in.js'
export { checkPassword, PASSWORD_MESSAGES } from './passwords.js'
export { DEMO_PASSWORD, type DemoResult } from './demo.js'
export type { Authority } from './authorities.js'
export type { ReminderSettings, TickResult, OutboxEntry } from './reminders.js'
export type { SignedInUser, User } from './users.js'
export type { ApiToken, TokenHolder } from './api-tokens.js'
export type { WebhookDeliverySettings, WebhookTickResult } from './webhook-deliveries.js'
export type { RetentionRunResult } from './retention.js'
export type { SessionSummary } from './user-sessions.js'
