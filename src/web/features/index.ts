// Every feature's routes. Each route declares its access in its config (see plugins/access.ts).
import type { FastifyInstance } from 'fastify'
import type { Clock } from '../../services/context.js'
import type { WebServices } from '../services.js'
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
import retention from './retention/routes.js'

export interface FeatureOptions {
  readonly services: WebServices
  readonly now: Clock
  readonly cookieSecure: boolean
  /** Production leaves out the demo's pages (the outbox). */
  readonly production: boolean
}

export async function features(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  for (const feature of [signIn, home, info, health, settings, audit, incidents, outbox, notifications, rapidReview, practiceReview, actions, clocks, chronology, reports, retention]) await app.register(feature, options)
}
