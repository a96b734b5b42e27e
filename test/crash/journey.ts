// The stream of writes the crash harness makes: one case at a time per worker, recorded through the
// real forms by the practitioner, then talked through and decided (the decision owner asks the
// partners, the police partner gives a view, the decision owner decides). Each step says what a
// 303 from it promises is stored, so the harness can check every acknowledged write after a crash.
import type { Kysely } from 'kysely'
import type { Schema } from '../../src/data/schema.js'
import type { FormResponse, HttpBrowser } from './server-process.js'

export type Who = 'practitioner' | 'decisionOwner' | 'partner'
export type Browsers = Readonly<Record<Who, HttpBrowser>>

export interface Step {
  readonly name: string
  readonly who: Who
  /** The page whose form is posted, and where it posts if elsewhere. */
  readonly page: (id: string) => string
  readonly action?: (id: string) => string
  readonly form: (n: number) => Record<string, string>
  /** Why a 303 from this step's post is stored: null when it is, else what is missing. */
  readonly stored: (db: Kysely<Schema>, id: string, n: number) => Promise<string | null>
}

const day = (name: string, d: string) => ({ [`${name}-day`]: d, [`${name}-month`]: '11', [`${name}-year`]: '2026' })
const outline = (n: number) => `Crash harness case ${n} (fictional).`
const childName = (n: number) => `Child Crash Demo ${n}`

const incidentRow = (db: Kysely<Schema>, id: string) => db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst()
const countOf = async (db: Kysely<Schema>, table: 'partner_view_requests' | 'partner_views' | 'decisions' | 'incident_children', id: string) =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('incident_id', '=', id).executeTakeFirstOrThrow()).n)

/** Checks a field of the stored incident. */
const incidentHas = (what: string, test: (row: NonNullable<Awaited<ReturnType<typeof incidentRow>>>, n: number) => boolean) =>
  async (db: Kysely<Schema>, id: string, n: number) => {
    const row = await incidentRow(db, id)
    if (!row) return 'the incident is missing'
    return test(row, n) ? null : `the incident lacks ${what}`
  }
const atLeastOne = (table: Parameters<typeof countOf>[1]) => async (db: Kysely<Schema>, id: string) => ((await countOf(db, table, id)) > 0 ? null : `no ${table} row`)

/** After the first step (which creates the case and names its id), in order. */
export const STEPS: readonly Step[] = [
  {
    name: 'incident section', who: 'practitioner', page: (id) => `/incidents/${id}/record/incident`,
    form: (n) => ({ ...day('incidentDate', '22'), location: 'this_area', outline: outline(n), exploitationOperation: 'no' }),
    stored: incidentHas('its outline', (row, n) => row.incident.includes(outline(n))),
  },
  {
    name: 'abuse section', who: 'practitioner', page: (id) => `/incidents/${id}/record/abuse`,
    form: () => ({ abuseOrNeglect: 'suspected', kinds: 'physical' }),
    stored: incidentHas('the abuse answers', (row) => row.abuse.includes('suspected')),
  },
  {
    name: 'safeguarding section', who: 'practitioner', page: (id) => `/incidents/${id}/record/safeguarding`,
    form: () => ({ agencies: 'Police and hospital (fictional)', otherChildrenAtRisk: 'no', actionTaken: 'Safety plan agreed (fictional).' }),
    stored: incidentHas('the safeguarding answers', (row) => row.safeguarding.includes('Safety plan agreed')),
  },
  {
    name: 'child added', who: 'practitioner', page: (id) => `/incidents/${id}/children/new`,
    form: (n) => ({
      nameStatus: 'known', name: childName(n), approximateAge: '6', outcome: 'seriously_harmed', sex: 'female', ethnicity: 'not_stated', disability: 'no',
      normallyResident: 'yes', lookedAfter: 'no', careLeaver: 'no', childProtectionPlan: 'never', childInNeedPlan: 'no', knownToSocialCare: 'yes', education: 'in_school',
    }),
    stored: async (db, id, n) => {
      const children = await db.selectFrom('incident_children').select('details').where('incident_id', '=', id).execute()
      return children.some((c) => c.details.includes(childName(n))) ? null : 'the child is missing'
    },
  },
  {
    name: 'submitted', who: 'practitioner', page: (id) => `/incidents/${id}/check`, action: (id) => `/incidents/${id}/submit`,
    form: () => ({}),
    stored: incidentHas('its submission', (row) => row.status !== 'draft'),
  },
  {
    name: 'views requested', who: 'decisionOwner', page: (id) => `/incidents/${id}/request-views`,
    form: () => ({ comment: 'Please share what you know (fictional).' }),
    stored: atLeastOne('partner_view_requests'),
  },
  {
    name: 'police view', who: 'partner', page: (id) => `/incidents/${id}/view`,
    form: () => ({ view: 'notify', reasons: 'Injuries consistent with abuse (fictional).' }),
    stored: atLeastOne('partner_views'),
  },
  {
    name: 'decided', who: 'decisionOwner', page: (id) => `/incidents/${id}/decision`,
    form: () => ({ decision: 'notify', rationale: 'Abuse suspected, serious harm (fictional).' }),
    stored: atLeastOne('decisions'),
  },
]

export const START = {
  name: 'started',
  stored: async (db: Kysely<Schema>, id: string) => ((await incidentRow(db, id)) ? null : 'the incident is missing'),
}

/** What the harness knows was acknowledged: for each case, how many steps (START included) got a 303. */
export type Acknowledged = Map<string, { n: number; steps: number }>

const ok = (answer: FormResponse, what: string) => {
  if (answer.status !== 303) throw new Error(`${what} answered ${answer.status}`)
}

/**
 * Records cases one after another until the service goes away (a fetch fails), noting each
 * acknowledged step. An answer other than 303 while the service is up is a real failure.
 */
export async function streamCases(browsers: Browsers, nextNumber: () => number, acknowledged: Acknowledged, onAcknowledged: () => void = () => {}): Promise<void> {
  for (;;) {
    const n = nextNumber()
    const started = await browsers.practitioner.submit('/incidents/new', { ...day('awareDate', '23'), source: 'hospital' })
    ok(started, 'starting a case')
    const id = /\/incidents\/([0-9a-f-]{36})/.exec(started.location)?.[1]
    if (!id) throw new Error(`starting a case went to ${started.location}`)
    const progress = { n, steps: 1 }
    acknowledged.set(id, progress)
    onAcknowledged()
    for (const step of STEPS) {
      ok(await browsers[step.who].submit(step.page(id), step.form(n), step.action?.(id)), `${step.name} on case ${n}`)
      progress.steps += 1
      onAcknowledged()
    }
  }
}
