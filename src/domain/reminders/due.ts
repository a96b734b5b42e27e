// What is due: one running clock of one incident, and who must hear about it. Pure data; the
// services fill it from the database (src/services/reminders-due.ts).
import type { ClockId } from '../timeline/index.js'

/** The people an email goes to, by their part in the case (resolved to addresses per authority). */
export type RecipientRole = 'decision_owner' | 'partnership' | 'business_unit'

export interface DueItem {
  readonly authorityId: string
  readonly incidentId: string
  /** The case reference, such as COV-2026-0007: never a child's name. */
  readonly reference: string
  readonly clockId: ClockId
  readonly clockName: string
  /** YYYY-MM-DD. */
  readonly dueDate: string
  /** Who is responsible for meeting it (reminders go to them; escalations add the business unit). */
  readonly recipients: readonly RecipientRole[]
  /** Alert at once when it starts: the decision's clock, already running when a case reaches the decision owner. */
  readonly alert: boolean
}
