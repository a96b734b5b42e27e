// Helpers for tests after the decision: a case decided to notify, as the demo accounts.
import assert from 'node:assert/strict'
import type { Database } from '../../src/data/db.js'
import { servicesAt } from './databases.js'
import { demoActors, recordIncident } from './incidents.js'

export const PARTNER_COMMENT = 'Police comment not for the form (fictional)'

export async function decidedCase(database: Database, options: { awareDate?: string; now?: string; children?: readonly object[] } = {}) {
  const { services, clock } = servicesAt(database, options.now ?? '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  const actors = await demoActors(services)
  const recorded = await recordIncident(services, actors.recorder, { awareDate: options.awareDate ?? '2026-11-23', ...(options.children ? { children: options.children } : {}) })
  // A partner's view with a comment that must never reach the notification pack.
  const viewed = await services.partnerViews.recordView(actors.police, recorded.id, recorded.version, { view: 'notify', reasons: PARTNER_COMMENT })
  assert.ok(viewed.ok, JSON.stringify(viewed))
  const decided = await services.decisions.recordDecision(actors.owner, recorded.id, viewed.version, { decision: 'notify', rationale: 'Meets the criteria (fictional)', judgements: {} })
  assert.ok(decided.ok, JSON.stringify(decided))
  return { services, clock, ...actors, id: recorded.id, reference: recorded.reference, version: decided.version }
}

/** The actions in the audit trail for one record, oldest first. */
export async function auditedActions(database: Database, recordId: string): Promise<string[]> {
  const rows = await database.db.selectFrom('audit_entries').select(['action', 'justification']).where('record_id', '=', recordId).orderBy('seq').execute()
  return rows.map((r) => r.action)
}
