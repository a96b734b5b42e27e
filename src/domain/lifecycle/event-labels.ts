// What each step in a case's history is called, in the users' words: shared by the case page's
// history and the chronology (and its exports), so the two never describe a step differently.
const EVENT_LABELS: Readonly<Record<string, string>> = {
  raise: 'Raised by a partner', update_record: 'Record changed', submit: 'Sent to the decision owner for a discussion', request_views: 'Partners’ views requested',
  record_view: 'Partner’s view recorded', record_working_view: 'Working view recorded', adjust_notifications: 'Notifications changed', record_liaison: 'Liaison recorded',
  decide_notify: 'Decided: notify', decide_do_not_notify: 'Decided: do not notify', decide_refer: 'Decided: refer to the authority where it happened', revisit: 'Decision revisited',
  record_notification: 'Notification recorded as sent', record_serious_incident_notification: 'Serious incident notification recorded as sent; rapid review started',
  record_partners_informed: 'Local safeguarding partners informed', withdraw_notification: 'Notification withdrawn', update_rapid_review: 'Rapid review updated',
  contribute_rapid_review: 'Agency information or sign-off added to the rapid review', send_rapid_review: 'Rapid review sent to the Panel', record_panel_response: 'Panel’s response recorded',
  commission_practice_review: 'Practice review decided on', no_further_review: 'No further review', update_practice_review: 'Practice review updated', manage_actions: 'Actions updated',
  extend_clock: 'Clock extended', recompute_clocks: 'Clocks moved by a bank holiday change', close: 'Case closed', reopen: 'Case reopened',
}

/** The words for a history step; an unknown step reads as its name with spaces. */
export function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? action.replace(/_/g, ' ')
}
