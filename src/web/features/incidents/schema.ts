// The incident forms. Forms send strings; these schemas turn them into the services' input (dates
// from day, month and year; yes/no radios into booleans; checkboxes into lists). Only the shape is
// checked here, with GOV.UK wording; the services own the rules and answer in the same words.
import { z } from 'zod'

// A text field sent twice (a crafted or duplicated parameter) keeps its first value, and anything
// that is not text reads as empty, so a form's own checks answer rather than a 500 (ASVS 1.4.x).
const firstText = (value: unknown) => {
  const first: unknown = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : undefined
}
const raw = z.preprocess(firstText, z.string().optional().default(''))
const trimmed = raw.transform((v) => v.trim())
const orUndefined = (v: string): string | undefined => (v === '' ? undefined : v)

export const versionSchema = z.object({
  version: z.coerce.number({ message: 'Reload the page and try again' }).int().positive({ message: 'Reload the page and try again' }),
})

/** GOV.UK date input: all three parts or none; "must include a month" when one is missing. */
function datePart(body: Record<string, unknown>, name: string, label: string): { value?: string; error?: string } {
  const part = (p: string) => (typeof body[`${name}-${p}`] === 'string' ? String(body[`${name}-${p}`]).trim() : '')
  const [day, month, year] = [part('day'), part('month'), part('year')]
  if (!day && !month && !year) return {}
  const absent = (['day', 'month', 'year'] as const).filter((_, i) => ![day, month, year][i])
  if (absent.length > 0) return { error: `${label} must include a ${absent.join(' and ')}` }
  if (![day, month, year].every((p) => /^\d+$/.test(p)) || year.length !== 4) return { error: `${label} must be a real date` }
  return { value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` }
}

/** Reads the date fields of a form; errors are keyed by the date's field name. */
export function readDates(body: unknown, dates: Readonly<Record<string, string>>): { values: Record<string, string | undefined>; errors: Record<string, string> } {
  const form = (body ?? {}) as Record<string, unknown>
  const values: Record<string, string | undefined> = {}
  const errors: Record<string, string> = {}
  for (const [name, label] of Object.entries(dates)) {
    const read = datePart(form, name, label)
    values[name] = read.value
    if (read.error) errors[name] = read.error
  }
  return { values, errors }
}

const yesNo = raw.transform((v) => (v === 'yes' ? true : v === 'no' ? false : undefined))
const list = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v.filter((x) => x !== '') : v === '' ? [] : [v]))

export const awarenessForm = z.object({ source: raw.transform(orUndefined), sourceDetail: trimmed.transform(orUndefined) })

export const incidentForm = z.object({
  incidentDateNotKnown: list.transform((v) => (v?.includes('yes') ? true : undefined)),
  outline: trimmed.transform(orUndefined),
  location: raw.transform(orUndefined),
  otherAuthorityName: trimmed.transform(orUndefined),
  country: trimmed.transform(orUndefined),
  exploitationOperation: yesNo,
})

export const abuseForm = z.object({ abuseOrNeglect: raw.transform(orUndefined), kinds: list })

export const safeguardingForm = z.object({
  agencies: trimmed.transform(orUndefined),
  otherChildrenAtRisk: raw.transform(orUndefined),
  otherChildrenDetails: trimmed.transform(orUndefined),
  actionTaken: trimmed.transform(orUndefined),
})

export const childForm = z.object({
  nameStatus: raw.transform(orUndefined),
  name: trimmed.transform(orUndefined),
  approximateAge: trimmed.transform((v) => (v === '' ? undefined : Number(v))),
  sex: raw.transform(orUndefined),
  ethnicity: raw.transform(orUndefined),
  disability: raw.transform(orUndefined),
  normallyResident: yesNo,
  lookedAfter: yesNo,
  careLeaver: yesNo,
  childProtectionPlan: raw.transform(orUndefined),
  childInNeedPlan: raw.transform(orUndefined),
  knownToSocialCare: raw.transform(orUndefined),
  education: raw.transform(orUndefined),
  siblingGroup: trimmed.transform(orUndefined),
  outcome: raw.transform(orUndefined),
})

export const commentForm = z.object({ comment: trimmed })

export const viewForm = z.object({ view: raw, reasons: trimmed })

export const raiseForm = z.object({ outline: trimmed.transform(orUndefined) })

const judgement = (prefix: string) => z.object({ [`${prefix}-answer`]: raw, [`${prefix}-why`]: trimmed })
export { judgement as judgementForm }

export const decisionForm = z.object({ decision: raw, rationale: trimmed, departureReason: trimmed.transform(orUndefined) })

export const groupingForm = z.object({ reason: trimmed })
