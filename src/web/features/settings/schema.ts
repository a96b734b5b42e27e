// The settings forms. Only shape and presence are checked here; the services own the rules
// (lengths, email format, password strength) and answer field errors in the same words.
import { z } from 'zod'
import { ROLES } from '../../../domain/permissions/index.js'

const optional = z.string().trim().max(200, { message: 'Must be 200 characters or fewer' }).optional().default('')
const version = z.coerce.number({ message: 'Reload the page and try again' }).int().positive({ message: 'Reload the page and try again' })

export const authorityDetailsSchema = z.object({
  name: z.string().trim().min(1, { message: 'Enter the authority’s name' }).max(200, { message: 'Name must be 200 characters or fewer' }),
  decisionOwnerTitle: z.string().trim().min(1, { message: 'Enter the decision owner’s role title' }).max(200, { message: 'Role title must be 200 characters or fewer' }),
  decisionOwnerName: optional,
  decisionOwnerEmail: optional,
  decisionOwnerPhone: optional,
  partnershipName: optional,
  partnershipEmail: optional,
  version,
})

export const partnersSchema = z.object({
  police: z.string({ message: 'Select the police force' }).min(1, { message: 'Select the police force' }),
  health: z.string({ message: 'Select the integrated care board' }).min(1, { message: 'Select the integrated care board' }),
})

const role = z.enum(ROLES, { message: 'Select a role' })

export const newUserSchema = z.object({
  name: z.string().trim().min(1, { message: 'Enter the user’s full name' }).max(200, { message: 'Full name must be 200 characters or fewer' }),
  email: z.string().trim().min(1, { message: 'Enter an email address' }).max(320, { message: 'Email address must be 320 characters or fewer' }),
  role,
  password: z.string().min(1, { message: 'Enter a temporary password' }).max(1024, { message: 'Password must be 1,024 characters or fewer' }),
})

export const roleSchema = z.object({ role })
