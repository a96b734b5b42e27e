import { z } from 'zod'

// Messages as the Design System words them for these fields.
export const signInSchema = z.object({
  email: z.string({ message: 'Enter your email address' }).trim().min(1, { message: 'Enter your email address' }).max(320, { message: 'Enter a correct email address and password' }),
  password: z.string({ message: 'Enter your password' }).min(1, { message: 'Enter your password' }).max(1024, { message: 'Enter a correct email address and password' }),
})
