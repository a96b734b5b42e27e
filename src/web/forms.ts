// GOV.UK forms with zod: a failed parse becomes the error summary's list (each linking to its
// field) and a message per field, in the order the fields appear on the page.
import type { z } from 'zod'

export interface FormErrors {
  readonly errors: Readonly<Record<string, string>>
  readonly errorList: readonly { text: string; href: string }[]
}

export type Parsed<T> = { readonly ok: true; readonly data: T } | ({ readonly ok: false } & FormErrors)

/** Builds the summary from field messages; `ids` maps a field to its input's id where they differ. */
export function formErrors(errors: Readonly<Record<string, string>>, ids: Readonly<Record<string, string>> = {}): FormErrors {
  return { errors, errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${ids[field] ?? field}` })) }
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown, ids: Readonly<Record<string, string>> = {}): Parsed<z.output<S>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, data: result.data }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return { ok: false, ...formErrors(errors, ids) }
}

/** Form values are strings; anything else (a repeated field sent as an array) counts as missing. */
export function text(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[field]
  return typeof value === 'string' ? value : ''
}
