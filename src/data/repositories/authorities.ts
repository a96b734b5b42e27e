// Authorities (the tenants) and the partner organisations that serve their partnerships.
import type { Kysely } from 'kysely'
import type { AuthorityRow, AuthorityRowUpdate, NewAuthorityRow, PartnerKind, PartnerOrganisationRow, Schema } from '../schema.js'

export type AuthoritySettings = Omit<AuthorityRowUpdate, 'id' | 'code' | 'created_at' | 'updated_at' | 'version'>

export function authoritiesRepository(db: Kysely<Schema>) {
  return {
    async insert(row: NewAuthorityRow): Promise<void> {
      await db.insertInto('authorities').values(row).execute()
    },

    findById(id: string): Promise<AuthorityRow | undefined> {
      return db.selectFrom('authorities').selectAll().where('id', '=', id).executeTakeFirst()
    },

    /** Codes are kept upper-case, so the lookup is exact. */
    findByCode(code: string): Promise<AuthorityRow | undefined> {
      return db.selectFrom('authorities').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst()
    },

    list(): Promise<AuthorityRow[]> {
      return db.selectFrom('authorities').selectAll().orderBy('name').execute()
    },

    /** Compare-and-set on the version the user saw: false when someone else changed it first. */
    async updateSettings(id: string, version: number, settings: AuthoritySettings, now: string): Promise<boolean> {
      const result = await db
        .updateTable('authorities')
        .set({ ...settings, updated_at: now, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}

export interface AuthorityPartner {
  readonly id: string
  readonly kind: PartnerKind
  readonly name: string
}

export function partnersRepository(db: Kysely<Schema>) {
  return {
    async insert(row: PartnerOrganisationRow): Promise<void> {
      await db.insertInto('partner_organisations').values(row).execute()
    },

    findById(id: string): Promise<PartnerOrganisationRow | undefined> {
      return db.selectFrom('partner_organisations').selectAll().where('id', '=', id).executeTakeFirst()
    },

    findByName(name: string): Promise<PartnerOrganisationRow | undefined> {
      return db.selectFrom('partner_organisations').selectAll().where('name', '=', name).executeTakeFirst()
    },

    list(): Promise<PartnerOrganisationRow[]> {
      return db.selectFrom('partner_organisations').selectAll().orderBy('kind').orderBy('name').execute()
    },

    /** Sets the authority's police force or integrated care board, replacing any earlier one. */
    async link(authorityId: string, partner: PartnerOrganisationRow): Promise<void> {
      await db.deleteFrom('authority_partners').where('authority_id', '=', authorityId).where('kind', '=', partner.kind).execute()
      await db.insertInto('authority_partners').values({ authority_id: authorityId, partner_organisation_id: partner.id, kind: partner.kind }).execute()
    },

    forAuthority(authorityId: string): Promise<AuthorityPartner[]> {
      return db
        .selectFrom('authority_partners')
        .innerJoin('partner_organisations', 'partner_organisations.id', 'authority_partners.partner_organisation_id')
        .select(['partner_organisations.id', 'partner_organisations.kind', 'partner_organisations.name'])
        .where('authority_partners.authority_id', '=', authorityId)
        .orderBy('partner_organisations.kind', 'desc')
        .execute()
    },
  }
}
