// The outbox page's query: which page of emails to show.
import { z } from 'zod'

export const outboxQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
})
