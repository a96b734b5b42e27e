// The subject access form: a justification (required, checked by the service) and a format.
import { z } from 'zod'

export const subjectAccessSchema = z.object({
  format: z.enum(['html', 'json'], { message: 'Select how you want the export' }),
  justification: z.string({ message: 'Enter why you are exporting this child’s information, for example the subject access request’s reference' }).max(2000, { message: 'Why you need it must be 2,000 characters or fewer' }),
})
