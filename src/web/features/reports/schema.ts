import { z } from 'zod'
import { financialYearOf, periodOf, type Period, type PeriodKind } from '../../../domain/reports/index.js'

// The period is chosen by GET: it holds no personal data. Anything unexpected falls back to the
// current financial year, so a hand-edited URL never errors.
export const periodQuerySchema = z.object({
  kind: z.enum(['year', 'quarter', 'month']).optional().catch(undefined),
  year: z.string().optional().catch(undefined),
  quarter: z.string().optional().catch(undefined),
  month: z.string().optional().catch(undefined),
  /** The form's one select: "year:2026", "quarter:2026-Q3" or "month:2026-11". */
  period: z.string().regex(/^(year|quarter|month):[\w-]+$/).optional().catch(undefined),
})
export type PeriodQuery = z.output<typeof periodQuerySchema>

export function chosenPeriod(query: unknown, today: string): { period: Period; query: Required<Omit<PeriodQuery, 'period'>> } {
  const parsed = periodQuerySchema.parse(query ?? {})
  const [kind, value] = (parsed.period?.split(':') ?? []) as [PeriodKind?, string?]
  const q = kind && value ? { ...parsed, kind, [kind]: value } : parsed
  const year = String(financialYearOf(today))
  const chosen = { kind: q.kind ?? 'year', year: q.year ?? year, quarter: q.quarter ?? `${year}-Q1`, month: q.month ?? today.slice(0, 7) }
  const period = periodOf(chosen.kind, chosen[chosen.kind]) ?? periodOf('year', year)
  if (!period) throw new Error(`No financial year ${year}`)
  return { period, query: period.kind === chosen.kind ? chosen : { ...chosen, kind: 'year', year } }
}

export const exportSchema = z.object({
  format: z.enum(['csv', 'xlsx'], { message: 'Select the format you want' }),
  justification: z.string({ message: 'Enter why you are exporting the report' }).trim().min(1, { message: 'Enter why you are exporting the report' }).max(500, { message: 'Why you are exporting the report must be 500 characters or fewer' }),
})
