// Authorities and their safeguarding partners: add, read, change settings (admins), link partners.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { authoritiesRepository, partnersRepository, type AuthorityPartner } from '../data/repositories/authorities.js'
import type { AuthorityRow, PartnerKind, PartnerOrganisationRow } from '../data/schema.js'
import { inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'

export interface Authority {
  readonly id: string
  readonly code: string
  readonly name: string
  readonly decisionOwnerTitle: string
  readonly decisionOwnerName: string | null
  readonly decisionOwnerEmail: string | null
  readonly decisionOwnerPhone: string | null
  readonly partnershipName: string | null
  readonly partnershipEmail: string | null
  readonly version: number
  readonly updatedAt: string
}

export interface AuthoritySettingsInput {
  readonly name: string
  readonly decisionOwnerTitle: string
  readonly decisionOwnerName?: string | null
  readonly decisionOwnerEmail?: string | null
  readonly decisionOwnerPhone?: string | null
  readonly partnershipName?: string | null
  readonly partnershipEmail?: string | null
}

export interface NewAuthorityInput extends Partial<AuthoritySettingsInput> {
  readonly code: string
  readonly name: string
}

export const AUTHORITY_CODE = /^[A-Z][A-Z0-9-]{1,19}$/
export const DEFAULT_DECISION_OWNER_TITLE = 'Decision owner'

const optionalText = z.string().trim().max(200).nullish().transform((v) => (v ? v : null))
const optionalEmail = z.email({ message: 'Enter an email address in the correct format, like name@example.org' }).nullish().or(z.literal('')).transform((v) => (v ? v : null))
const settingsSchema = z.object({
  name: z.string().trim().min(1, { message: 'Enter the authority’s name' }).max(200),
  decisionOwnerTitle: z.string().trim().min(1, { message: 'Enter the decision owner’s role title' }).max(200),
  decisionOwnerName: optionalText,
  decisionOwnerEmail: optionalEmail,
  decisionOwnerPhone: optionalText,
  partnershipName: optionalText,
  partnershipEmail: optionalEmail,
})

export type InvalidInput = { readonly ok: false; readonly reason: 'invalid'; readonly errors: Readonly<Record<string, string>> }

export function invalid(error: z.ZodError): InvalidInput {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.')
    errors[key] ??= issue.message
  }
  return { ok: false, reason: 'invalid', errors }
}

function toAuthority(row: AuthorityRow): Authority {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    decisionOwnerTitle: row.decision_owner_title,
    decisionOwnerName: row.decision_owner_name,
    decisionOwnerEmail: row.decision_owner_email,
    decisionOwnerPhone: row.decision_owner_phone,
    partnershipName: row.partnership_name,
    partnershipEmail: row.partnership_email,
    version: row.version,
    updatedAt: row.updated_at,
  }
}

function settingsColumns(s: z.output<typeof settingsSchema>) {
  return {
    name: s.name,
    decision_owner_title: s.decisionOwnerTitle,
    decision_owner_name: s.decisionOwnerName,
    decision_owner_email: s.decisionOwnerEmail,
    decision_owner_phone: s.decisionOwnerPhone,
    partnership_name: s.partnershipName,
    partnership_email: s.partnershipEmail,
  }
}

export function authorityService(deps: ServiceDeps) {
  const read = authoritiesRepository(deps.database.db)
  return {
    /** Adds an authority. Only the operator (the command line) and the demo loader do this. */
    add(actor: Actor, input: NewAuthorityInput): Promise<{ ok: true; authority: Authority } | Refusal<'forbidden' | 'code-taken'> | InvalidInput> {
      const code = input.code.trim().toUpperCase()
      if (!AUTHORITY_CODE.test(code)) return Promise.resolve({ ok: false, reason: 'invalid', errors: { code: 'Enter a code of 2 to 20 letters, digits or hyphens, starting with a letter, like COV' } })
      const parsed = settingsSchema.safeParse({ ...input, decisionOwnerTitle: input.decisionOwnerTitle ?? DEFAULT_DECISION_OWNER_TITLE })
      if (!parsed.success) return Promise.resolve(invalid(parsed.error))
      if (actor.kind !== 'system') return Promise.resolve(refuse('forbidden'))
      return inTransaction(deps, async ({ trx, now, audit }) => {
        const authorities = authoritiesRepository(trx)
        if (await authorities.findByCode(code)) return refuse('code-taken')
        const at = now.toISOString()
        const row: AuthorityRow = { id: randomUUID(), code, ...settingsColumns(parsed.data), created_at: at, updated_at: at, version: 1 }
        await authorities.insert(row)
        await audit(actor, { action: 'authority.added', outcome: 'done', authorityId: row.id, recordType: 'authority', recordId: row.id })
        return { ok: true as const, authority: toAuthority(row) }
      })
    },

    async get(id: string): Promise<Authority | null> {
      const row = await read.findById(id)
      return row ? toAuthority(row) : null
    },

    async getByCode(code: string): Promise<Authority | null> {
      const row = await read.findByCode(code)
      return row ? toAuthority(row) : null
    },

    async list(): Promise<Authority[]> {
      return (await read.list()).map(toAuthority)
    },

    /** Admins change their authority's settings; `version` is the one the admin's form showed. */
    updateSettings(
      actor: Actor,
      authorityId: string,
      version: number,
      input: AuthoritySettingsInput,
    ): Promise<{ ok: true; authority: Authority } | Refusal<'forbidden' | 'not-found' | 'stale'> | InvalidInput> {
      const parsed = settingsSchema.safeParse(input)
      if (!parsed.success) return Promise.resolve(invalid(parsed.error))
      return inTransaction(deps, async ({ trx, now, audit, permit }) => {
        const event = { authorityId, recordType: 'authority', recordId: authorityId }
        if (!(await permit(actor, 'settings:manage', event))) return refuse('forbidden')
        const authorities = authoritiesRepository(trx)
        if (!(await authorities.findById(authorityId))) return refuse('not-found')
        if (!(await authorities.updateSettings(authorityId, version, settingsColumns(parsed.data), now.toISOString()))) return refuse('stale')
        await audit(actor, { ...event, action: 'authority.updated', outcome: 'done' })
        const row = await authorities.findById(authorityId)
        if (!row) throw new Error('authority vanished inside its own transaction')
        return { ok: true as const, authority: toAuthority(row) }
      })
    },
  }
}

export function partnerService(deps: ServiceDeps) {
  const read = partnersRepository(deps.database.db)
  return {
    add(actor: Actor, input: { kind: PartnerKind; name: string }): Promise<{ ok: true; partner: PartnerOrganisationRow } | Refusal<'forbidden' | 'name-taken' | 'invalid'>> {
      const name = input.name.trim()
      if (name === '' || (input.kind !== 'police' && input.kind !== 'health')) return Promise.resolve(refuse('invalid'))
      if (actor.kind !== 'system') return Promise.resolve(refuse('forbidden'))
      return inTransaction(deps, async ({ trx, now, audit }) => {
        const partners = partnersRepository(trx)
        if (await partners.findByName(name)) return refuse('name-taken')
        const partner: PartnerOrganisationRow = { id: randomUUID(), kind: input.kind, name, created_at: now.toISOString() }
        await partners.insert(partner)
        await audit(actor, { action: 'partner-organisation.added', outcome: 'done', recordType: 'partner-organisation', recordId: partner.id })
        return { ok: true as const, partner }
      })
    },

    list: () => read.list(),
    forAuthority: (authorityId: string): Promise<AuthorityPartner[]> => read.forAuthority(authorityId),

    /** Makes the organisation the authority's police force or ICB (by its kind). */
    link(actor: Actor, authorityId: string, partnerId: string): Promise<{ ok: true } | Refusal<'forbidden' | 'not-found'>> {
      return inTransaction(deps, async ({ trx, audit, permit }) => {
        const event = { authorityId, recordType: 'partner-organisation', recordId: partnerId }
        if (!(await permit(actor, 'settings:manage', event))) return refuse('forbidden')
        const partner = await partnersRepository(trx).findById(partnerId)
        if (!partner || !(await authoritiesRepository(trx).findById(authorityId))) return refuse('not-found')
        await partnersRepository(trx).link(authorityId, partner)
        await audit(actor, { ...event, action: 'authority.partner-linked', outcome: 'done' })
        return { ok: true as const }
      })
    },
  }
}
