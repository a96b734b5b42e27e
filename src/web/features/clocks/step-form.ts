// Small helpers shared by the pages after the decision (notifications, rapid review, practice
// review, actions, clocks): route parameters beyond the incident id, GOV.UK dates read before
// the service is called, and a London date and time turned into an instant.
import type { FastifyRequest } from 'fastify'
import { notFound } from '../../plugins/errors.js'
import { readDates } from '../incidents/schema.js'
import type { ServiceAnswer } from '../incidents/outcome.js'

/** A route parameter such as the notification's or entry's id; a missing one is not found. */
export function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown>)[name]
  if (typeof value !== 'string' || value === '') throw notFound()
  return value
}

/** The form's fields as strings (repeated fields, sent as arrays, count as missing). */
export function fields(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : '']))
}

/**
 * Reads the form's dates, then calls the service with them (an empty date as ''); a date that
 * is not a real date answers "invalid" here, in GOV.UK words, without calling the service.
 */
export async function withDates(request: FastifyRequest, dates: Readonly<Record<string, string>>, call: (days: Record<string, string>) => Promise<ServiceAnswer>): Promise<ServiceAnswer> {
  const read = readDates(request.body, dates)
  if (Object.keys(read.errors).length > 0) return { ok: false, reason: 'invalid', errors: read.errors }
  return call(Object.fromEntries(Object.keys(dates).map((name) => [name, read.values[name] ?? ''])))
}

/** A stored day as the three inputs of a GOV.UK date, so a form starts from what is recorded. */
export function dayInputs(name: string, day: string | null | undefined): Record<string, string> {
  const [year, month, date] = (day ?? '').split('-')
  return day ? { [`${name}-day`]: String(Number(date)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' } : {}
}

/** "14:30", "2:30pm" or "9am" as 24-hour hours and minutes; null if it is not a time. */
export function readTime(value: string): { hours: number; minutes: number } | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(value.trim())
  if (!match) return null
  let hours = Number(match[1])
  const minutes = Number(match[2] ?? '0')
  const half = match[3]?.toLowerCase()
  if (half) {
    if (hours < 1 || hours > 12) return null
    hours = (hours % 12) + (half === 'pm' ? 12 : 0)
  }
  return hours < 24 && minutes < 60 ? { hours, minutes } : null
}

/** The instant a London wall-clock date and time stands for (British Summer Time included). */
export function londonInstant(day: string, time: { hours: number; minutes: number }): string {
  const [y, m, d] = day.split('-').map(Number)
  const guess = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, time.hours, time.minutes)
  const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' }).format(new Date(guess))
  const offsetHours = (Number(shown) - time.hours + 24) % 24
  return new Date(guess - offsetHours * 3_600_000).toISOString()
}
