// Every feature's routes. Each route declares its access in its config (see plugins/access.ts).
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../services/context.js'
import type { WebServices } from '../services.js'
import type { SignInSettings } from './single-sign-on/oidc-client.js'
import signIn from './sign-in/routes.js'
import home from './home/routes.js'
import info from './info/routes.js'
import health from './health/routes.js'
import settings from './settings/routes.js'
import audit from './audit/routes.js'
import incidents from './incidents/routes.js'
import outbox from './outbox/routes.js'
import notifications from './notifications/routes.js'
import rapidReview from './rapid-review/routes.js'
import practiceReview from './practice-review/routes.js'
import actions from './actions/routes.js'
import clocks from './clocks/routes.js'
import chronology from './chronology/routes.js'
import reports from './reports/routes.js'
import api from './api/routes.js'
import apiTokens from './api-tokens/routes.js'
import singleSignOn from './single-sign-on/routes.js'
import multiFactor from './multi-factor/routes.js'
import bankHolidays from './bank-holidays/routes.js'
import imports from './imports/routes.js'
import retention from './retention/routes.js'
import accountSessions from './account-sessions/routes.js'

export interface FeatureOptions {
  readonly services: WebServices
  readonly now: Clock
  readonly cookieSecure: boolean
  /** Production leaves out the demo's pages (the outbox). */
  readonly production: boolean
  /** Single sign-on and multi-factor settings (features/single-sign-on, features/multi-factor). */
  readonly signIn?: SignInSettings
  /** Each API token's requests per minute (features/api); the API's default when not given. */
  readonly apiRequestsPerMinute?: number
}

export async function features(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  for (const feature of [signIn, home, info, health, settings, audit, incidents, outbox, notifications, rapidReview, practiceReview, actions, clocks, chronology, reports, api, apiTokens, singleSignOn, multiFactor, bankHolidays, imports, retention, accountSessions]) await app.register(feature, options)
}
