// The demo a newcomer sees on first start outside production: Coventry City Council set up as
// its procedure describes, a second, fictional authority so that cross-authority behaviour can
// be seen, and one account per role. Every person, email address and phone number here is
// fictional (01632 960000 is in Ofcom's drama range; .example domains cannot be registered).
// Loading twice changes nothing.
import type { Role } from '../domain/permissions/index.js'
import type { authorityService, partnerService } from './authorities.js'
import { systemActor } from './context.js'
import type { userService } from './users.js'
import type { multiFactorService } from './multi-factor.js'
import { mfaRequired } from '../domain/multi-factor/index.js'

/** The one demo password. It passes the password rules, and it is printed on the console. */
export const DEMO_PASSWORD = 'walnut harbour lantern 42'

export interface DemoSignIn {
  readonly email: string
  readonly role: Role
  readonly authorities: readonly string[]
}

export interface DemoResult {
  readonly loaded: boolean
  readonly password: string
  readonly signIns: readonly DemoSignIn[]
}

const AUTHORITIES = [
  {
    code: 'COV',
    name: 'Coventry City Council',
    decisionOwnerTitle: 'Children’s Services Strategic Lead for Quality Assurance',
    decisionOwnerName: 'Alex Example (fictional)',
    decisionOwnerEmail: 'decision-owner.coventry@example.org',
    decisionOwnerPhone: '01632 960000',
    partnershipName: 'Coventry Safeguarding Children Partnership',
    partnershipEmail: 'CoventryCSCP@coventry.gov.uk',
  },
  {
    code: 'DEMO',
    name: 'Demo Borough Council',
    decisionOwnerTitle: 'Head of Safeguarding and Quality Assurance',
    decisionOwnerName: 'Sam Sample (fictional)',
    decisionOwnerEmail: 'decision-owner.demo-borough@example.org',
    decisionOwnerPhone: '01632 960001',
    partnershipName: 'Demo Borough Safeguarding Children Partnership',
    partnershipEmail: 'partnership@demo-borough.example',
  },
] as const

const PARTNERS = [
  { kind: 'police', name: 'West Midlands Police' },
  { kind: 'health', name: 'NHS Coventry and Warwickshire Integrated Care Board' },
] as const

const ACCOUNTS: readonly { email: string; name: string; role: Role; authorities: readonly string[]; partner?: string }[] = [
  { email: 'practitioner@demo.example', name: 'Pat Practitioner (demo)', role: 'practitioner', authorities: ['COV'] },
  { email: 'decision-owner@demo.example', name: 'Dee Decider (demo)', role: 'decision-owner', authorities: ['COV'] },
  { email: 'partner@demo.example', name: 'Pip Partner (demo)', role: 'partner', authorities: ['COV', 'DEMO'], partner: 'West Midlands Police' },
  { email: 'health-partner@demo.example', name: 'Hal Health (demo)', role: 'partner', authorities: ['COV'], partner: 'NHS Coventry and Warwickshire Integrated Care Board' },
  { email: 'business-unit@demo.example', name: 'Bo Business (demo)', role: 'business-unit', authorities: ['COV'] },
  { email: 'auditor@demo.example', name: 'Aud Auditor (demo)', role: 'auditor', authorities: ['COV'] },
  { email: 'admin@demo.example', name: 'Ada Admin (demo)', role: 'admin', authorities: ['COV'] },
  { email: 'practitioner.demo-borough@demo.example', name: 'Dom Borough (demo)', role: 'practitioner', authorities: ['DEMO'] },
]

interface DemoServices {
  readonly authorities: ReturnType<typeof authorityService>
  readonly partners: ReturnType<typeof partnerService>
  readonly users: ReturnType<typeof userService>
  /** Left out by a test that loads the demo into an older schema, before authenticators. */
  readonly multiFactor?: ReturnType<typeof multiFactorService>
}

/**
 * The demo accounts whose role needs an authenticator app get the demo's fixed, published secret
 * (DEMO_TOTP_SECRET), so the demo and the tests can sign in. Also for a demo loaded before there
 * was multi-factor sign-in.
 */
async function enrolDemoAuthenticators(services: DemoServices): Promise<void> {
  if (!services.multiFactor) return
  for (const account of ACCOUNTS) {
    const user = await services.users.findByEmail(account.email)
    const signedIn = user ? await services.users.signedIn(user.id) : null
    if (signedIn && mfaRequired(signedIn.memberships, false)) await services.multiFactor?.enrolDemo(signedIn.id)
  }
}

export async function loadDemo(services: DemoServices): Promise<DemoResult> {
  // A last guard, whatever the caller's configuration says: no demo accounts in production.
  if (process.env.NODE_ENV === 'production') throw new Error('The demo is never loaded in production')
  const actor = systemActor('demo loader')
  const signIns = ACCOUNTS.map(({ email, role, authorities }) => ({ email, role, authorities }))
  // The last account is added last: if it exists, so does everything before it. Each step below
  // also skips what exists, so a load interrupted half-way completes on the next start.
  const lastAccount = ACCOUNTS.at(-1)?.email ?? ''
  if ((await services.users.findByEmail(lastAccount)) !== null) {
    await enrolDemoAuthenticators(services)
    return { loaded: false, password: DEMO_PASSWORD, signIns }
  }

  const partnerIds = new Map<string, string>()
  for (const partner of PARTNERS) {
    const known = (await services.partners.list()).find((p) => p.name === partner.name)
    const added = known ? { ok: true as const, partner: known } : await services.partners.add(actor, partner)
    if (!added.ok) throw new Error(`Could not add demo partner ${partner.name}: ${added.reason}`)
    partnerIds.set(partner.name, added.partner.id)
  }
  const authorityIds = new Map<string, string>()
  for (const settings of AUTHORITIES) {
    const existing = await services.authorities.getByCode(settings.code)
    const added = existing ? { ok: true as const, authority: existing } : await services.authorities.add(actor, settings)
    if (!added.ok) throw new Error(`Could not add demo authority ${settings.code}: ${added.reason}`)
    authorityIds.set(settings.code, added.authority.id)
    const linked = new Set((await services.partners.forAuthority(added.authority.id)).map((p) => p.id))
    for (const partnerId of partnerIds.values()) {
      if (!linked.has(partnerId)) await services.partners.link(actor, added.authority.id, partnerId)
    }
  }
  for (const account of ACCOUNTS) {
    for (const code of account.authorities) {
      const result = await services.users.add(actor, {
        email: account.email,
        name: account.name,
        password: DEMO_PASSWORD,
        role: account.role,
        authorityId: authorityIds.get(code) ?? '',
        partnerOrganisationId: account.partner ? (partnerIds.get(account.partner) ?? null) : null,
      })
      if (!result.ok && result.reason !== 'already-member') throw new Error(`Could not add demo account ${account.email}: ${result.reason}`)
    }
  }
  await enrolDemoAuthenticators(services)
  return { loaded: true, password: DEMO_PASSWORD, signIns }
}
