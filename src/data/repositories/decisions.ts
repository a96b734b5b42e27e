// What is said and decided about an incident: partners' view requests and views, the decision
// owner's decisions (immutable: inserted, never updated) and liaison with other authorities.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DecisionRow, OtherAuthorityLiaisonRow, PartnerViewRequestRow, PartnerViewRow, Schema } from '../schema.js'

type WithoutId<T> = Omit<T, 'id'>

export function deliberationRepository(db: Kysely<Schema>) {
  return {
    async addViewRequest(row: WithoutId<PartnerViewRequestRow>): Promise<void> {
      await db.insertInto('partner_view_requests').values({ id: randomUUID(), ...row }).execute()
    },

    viewRequests(incidentId: string): Promise<PartnerViewRequestRow[]> {
      return db.selectFrom('partner_view_requests').selectAll().where('incident_id', '=', incidentId).orderBy('requested_at').execute()
    },

    async addView(row: WithoutId<PartnerViewRow>): Promise<void> {
      await db.insertInto('partner_views').values({ id: randomUUID(), ...row }).execute()
    },

    /** Oldest first: the last of each kind is the current view. */
    views(incidentId: string): Promise<PartnerViewRow[]> {
      return db.selectFrom('partner_views').selectAll().where('incident_id', '=', incidentId).orderBy('recorded_at').execute()
    },

    async addDecision(row: WithoutId<DecisionRow>): Promise<string> {
      const id = randomUUID()
      await db.insertInto('decisions').values({ id, ...row }).execute()
      return id
    },

    /** Oldest first: the last is the current decision; the others are history. */
    decisions(incidentId: string): Promise<DecisionRow[]> {
      return db.selectFrom('decisions').selectAll().where('incident_id', '=', incidentId).orderBy('decided_at').execute()
    },

    async addLiaison(row: WithoutId<OtherAuthorityLiaisonRow>): Promise<void> {
      await db.insertInto('other_authority_liaisons').values({ id: randomUUID(), ...row }).execute()
    },

    liaisons(incidentId: string): Promise<OtherAuthorityLiaisonRow[]> {
      return db.selectFrom('other_authority_liaisons').selectAll().where('incident_id', '=', incidentId).orderBy('recorded_at').execute()
    },
  }
}
