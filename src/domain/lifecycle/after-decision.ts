// The lifecycle after a decision to notify (issue 5): the rows added to the transition table.
// The chain follows the statutory steps: the notification (Children Act 2004 s16C(1)), the rapid
// review it triggers (Working Together 2023 ch 5; Panel FAQ: "a rapid review cannot be undertaken
// without the prior submission of a Serious Incident Notification", domain R11), the rapid review
// sent to the Panel (R18), then a local practice review (s16F; SI 2018/789 reg 11) or none.
import type { Role } from '../permissions/index.js'
import type { LifecycleAction, Status, Transition } from './index.js'

type Rows = { readonly [status in Status]?: { readonly [action in LifecycleAction]?: Transition } }

const stay = (status: Status, label: string): Transition => ({ to: status, label, comment: 'never' })
const withReason = (to: Status, label: string, commentLabel: string): Transition => ({ to, label, comment: 'required', commentLabel })

/** Statuses in which notifications already owed can still be recorded (death notifications may follow the serious incident one). */
const NOTIFYING: readonly Status[] = ['decided_notify', 'notification_sent', 'rapid_review', 'rapid_review_sent']
/** Statuses in which learning actions can be added and updated. */
const LEARNING: readonly Status[] = ['rapid_review', 'rapid_review_sent', 'practice_review', 'no_further_review']
/** Statuses a case can be closed from: its statutory steps are done or stood down. */
const CLOSABLE: readonly Status[] = ['notification_sent', 'no_further_review', 'practice_review', 'withdrawn']

const close = withReason('closed', 'Close the case', 'Why the case can be closed')
/** Reopening returns the case to the status it was closed from (see `returnsToPrevious`). */
const reopen: Transition = { ...withReason('closed', 'Reopen the case', 'Why the case is being reopened'), returnsToPrevious: true }
const withdraw = withReason('withdrawn', 'Withdraw the notification', 'Why the incident does not meet the criteria for a notification')
const extend = (status: Status): Transition => withReason(status, 'Extend or pause a clock', 'Why the clock is extended or paused')

/** The authority's steps: recording notifications (decision owner and business unit, 'notification:submit'). */
function notifying(): Rows {
  const rows: Record<string, Record<string, Transition>> = {}
  for (const status of NOTIFYING) {
    const to = status === 'decided_notify' ? 'notification_sent' : status
    rows[status] = {
      record_notification: stay(to, 'Record a notification as sent'),
      record_partners_informed: stay(status, 'Record the local safeguarding partners as informed'),
      ...(status === 'decided_notify' || status === 'notification_sent'
        ? { record_serious_incident_notification: stay('rapid_review', 'Record the serious incident notification as sent') }
        : {}),
    }
  }
  return rows
}

function merge(...parts: Rows[]): Rows {
  const out: Record<string, Record<string, Transition>> = {}
  for (const part of parts) for (const [status, actions] of Object.entries(part)) out[status] = { ...out[status], ...actions }
  return out
}

const each = (statuses: readonly Status[], make: (status: Status) => { readonly [action in LifecycleAction]?: Transition }): Rows =>
  Object.fromEntries(statuses.map((s) => [s, make(s)]))

const closing: Rows = merge(each(CLOSABLE, () => ({ close })), { closed: { reopen } })
const learning: Rows = each(LEARNING, (s) => ({ manage_actions: stay(s, 'Add or update an action') }))

export const AFTER_DECISION: { readonly [role in Role]?: Rows } = {
  'decision-owner': merge(notifying(), closing, {
    rapid_review: { withdraw_notification: withdraw, contribute_rapid_review: stay('rapid_review', 'Sign off for the authority') },
  }),
  'business-unit': merge(notifying(), closing, learning, {
    rapid_review: {
      withdraw_notification: withdraw,
      update_rapid_review: stay('rapid_review', 'Update the rapid review'),
      contribute_rapid_review: stay('rapid_review', 'Sign off for the authority'),
      send_rapid_review: { to: 'rapid_review_sent', label: 'Record the rapid review as sent to the Panel', comment: 'never' },
      extend_clock: extend('rapid_review'),
    },
    rapid_review_sent: {
      record_panel_response: stay('rapid_review_sent', 'Record the Panel’s response'),
      commission_practice_review: { to: 'practice_review', label: 'Hold a local child safeguarding practice review', comment: 'never' },
      no_further_review: withReason('no_further_review', 'No further review', 'Why no further review is needed'),
    },
    practice_review: { update_practice_review: stay('practice_review', 'Update the practice review'), extend_clock: extend('practice_review') },
  }),
  // Partners contribute their agency's information and sign-off; never the authority's notification.
  partner: { rapid_review: { contribute_rapid_review: stay('rapid_review', 'Add your agency’s information or sign-off') } },
}
