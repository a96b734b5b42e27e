// The audit page's filters, from the query string. Dates are entered as the GOV.UK date pattern
// would read them (day/month/year) but kept simple here: YYYY-MM-DD in a text input with a hint.
import { z } from 'zod'

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter a date like 2026-11-24' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { message: 'Enter a real date' })
  .optional()
  .or(z.literal('').transform(() => undefined))

const text = z.string().trim().max(200, { message: 'Must be 200 characters or fewer' }).optional().transform((v) => (v ? v : undefined))

export const auditFiltersSchema = z
  .object({
    from: day,
    to: day,
    actor: text,
    action: text,
    record: text,
    page: z.coerce.number().int().min(1).max(100_000).optional().catch(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'The end date must be the same as or after the start date' })

export type AuditFilters = z.output<typeof auditFiltersSchema>
