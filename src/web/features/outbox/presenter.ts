// The outbox as the page shows it: one row per email, newest first, a page at a time, with its
// status in words (claimed, sent, retrying or failed, with the attempts made).
import type { OutboxEntry } from '../../../services/index.js'
import { pagination } from '../../pagination.js'

export const PAGE_SIZE = 20

const attempts = (n: number) => `${n} ${n === 1 ? 'attempt' : 'attempts'}`

export function statusTag(email: Pick<OutboxEntry, 'status' | 'attempts'>): { text: string; classes: string } {
  switch (email.status) {
    case 'sending':
      return { text: 'Claimed', classes: 'govuk-tag--blue' }
    case 'sent':
      return { text: 'Sent', classes: 'govuk-tag--green' }
    case 'retry':
      return { text: `Retrying after ${attempts(email.attempts)}`, classes: 'govuk-tag--yellow' }
    case 'failed':
      return { text: `Failed after ${attempts(email.attempts)}`, classes: 'govuk-tag--red' }
  }
}

export function outboxPage(emails: readonly OutboxEntry[], requested: number) {
  const pages = Math.max(1, Math.ceil(emails.length / PAGE_SIZE))
  const page = Math.min(requested, pages)
  return {
    total: emails.length,
    emails: emails.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((email) => ({
      id: email.id, to: email.to, subject: email.subject, body: email.body, at: email.createdAt, tag: statusTag(email),
    })),
    pagination: pagination(page, pages, (n) => `/outbox?page=${n}`),
  }
}
