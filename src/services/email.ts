// The senders, behind one interface and chosen by configuration: the outbox (development and the
// demo: records, never sends), SMTP through nodemailer, or GOV.UK Notify through its own client.
import type { Transporter } from 'nodemailer'
import type { NotifyClient } from 'notifications-node-client'
import type { EmailConfig } from '../config.js'

export interface OutgoingEmail {
  readonly to: string
  readonly subject: string
  readonly body: string
  /** Our row id, given to Notify as its reference so a delivery can be traced back. */
  readonly reference: string
}

export interface EmailSender {
  readonly transport: EmailConfig['transport']
  /** Resolves when the email is accepted; throws when it is not (the caller retries). */
  send(email: OutgoingEmail): Promise<void>
}

/** Records only: the outbox page shows what would have been sent. */
export const outboxSender: EmailSender = { transport: 'outbox', send: () => Promise.resolve() }

/** Made on first use, so a process that never sends never loads the mail libraries (docs/performance.md). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}

export function smtpSender(smtpUrl: string, from: string): EmailSender {
  const transporter = once(async (): Promise<Transporter> => (await import('nodemailer')).default.createTransport(smtpUrl))
  return {
    transport: 'smtp',
    async send(email) {
      await (await transporter()).sendMail({ from, to: email.to, subject: email.subject, text: email.body })
    },
  }
}

/** The Notify template has the subject ((subject)) and the body ((body)). */
export function notifySender(apiKey: string, templateId: string, baseUrl: string | null): EmailSender {
  const client = once(async (): Promise<NotifyClient> => {
    const { NotifyClient: Client } = await import('notifications-node-client')
    return baseUrl ? new Client(baseUrl, apiKey) : new Client(apiKey)
  })
  return {
    transport: 'notify',
    async send(email) {
      await (await client()).sendEmail(templateId, email.to, { personalisation: { subject: email.subject, body: email.body }, reference: email.reference })
    },
  }
}

export function senderFor(config: EmailConfig): EmailSender {
  if (config.transport === 'smtp' && config.smtpUrl) return smtpSender(config.smtpUrl, config.from)
  if (config.transport === 'notify' && config.notifyApiKey && config.notifyTemplateId) return notifySender(config.notifyApiKey, config.notifyTemplateId, config.notifyBaseUrl)
  return outboxSender
}

/**
 * What a failure is called in the outbox and the log: an error code (ECONNREFUSED, EAUTH, an HTTP
 * status), never the message, which can echo an address or the email itself.
 */
export function failureCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const withStatus = error as { response?: { status?: unknown }; code?: unknown; responseCode?: unknown }
    if (typeof withStatus.response?.status === 'number') return `HTTP ${withStatus.response.status}`
    if (typeof withStatus.responseCode === 'number') return `SMTP ${withStatus.responseCode}`
    if (typeof withStatus.code === 'string' && /^[A-Z_0-9]{2,40}$/.test(withStatus.code)) return withStatus.code
  }
  return 'send failed'
}
