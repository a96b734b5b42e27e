// Alerts, reminders and escalations (issue 6, item 2): what is due, when to remind, and the words.
export type { DueItem, RecipientRole } from './due.js'
export { deliveryKey, parseReminderPoints, pointDay, recipientsFor, reminderDue, type EmailKind, type ReminderPoint } from './schedule.js'
export { caseLink, composeDigest, composeEmail, type EmailMessage } from './messages.js'
