import { z } from 'zod'

export const switchAuthoritySchema = z.object({
  authorityId: z.string({ message: 'Select the authority you want to work in' }).min(1, { message: 'Select the authority you want to work in' }),
})
