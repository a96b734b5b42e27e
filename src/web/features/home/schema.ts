import { z } from 'zod'

export const switchAuthoritySchema = z.object({
  authorityId: z.string({ message: 'Select the authority you want to work in' }).min(1, { message: 'Select the authority you want to work in' }),
})

// The worklist's filters and sort: GET query parameters, since they hold no names. Anything
// unexpected falls back to "all", so a hand-edited URL never errors.
const oneOf = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values).optional().catch(undefined)

export const WORK_STAGES = ['draft', 'decision', 'views', 'notification', 'rapid_review', 'practice_review', 'actions'] as const
export const WORK_STATES = ['overdue', 'due_today', 'due_soon', 'on_track'] as const
export const DUE_WITHIN = ['5', '10', '20'] as const
export const AGENCIES = ['authority', 'police', 'health'] as const

export const worklistFiltersSchema = z.object({
  stage: oneOf(WORK_STAGES),
  state: oneOf(WORK_STATES),
  dueWithin: oneOf(DUE_WITHIN),
  agency: oneOf(AGENCIES),
  sort: z.enum(['deadline', 'reference']).optional().catch(undefined).transform((v) => v ?? 'deadline'),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).transform((v) => v ?? 1),
})

export type WorklistFilters = z.output<typeof worklistFiltersSchema>

/** The search is posted, never put in a URL: a case reference or a child's name. */
export const worklistSearchSchema = z.object({
  search: z.string({ message: 'Enter a case reference or a child’s name' }).trim().min(1, { message: 'Enter a case reference or a child’s name' }).max(100, { message: 'Search must be 100 characters or fewer' }),
})
