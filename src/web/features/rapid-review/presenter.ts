// The rapid review page: its clock, the entries grouped by kind in words, each agency's
// information and sign-off, the recommendation with the regulation 11 checklist, and the
// Panel's response. Entries' details are JSON written by the service; read here by kind.
import type { ClockView, RapidReview } from '../../../domain/after-decision/index.js'
import { AGENCIES, RECOMMENDATION_LABELS, REGULATION_11_CRITERIA, REGULATION_11_SOURCE, type Agency } from '../../../domain/after-decision/index.js'
import type { RapidReviewEntryRow } from '../../../data/repositories/case-progress.js'
import type { IncidentView } from '../../../services/incidents.js'
import { longDate } from '../incidents/presenter.js'
import { clockRow } from '../clocks/presenter.js'

export const AGENCY_LABELS: Readonly<Record<Agency, string>> = { authority: 'Local authority', police: 'Police', health: 'Health' }

type Details = Record<string, unknown>
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const detailsOf = (e: RapidReviewEntryRow): Details => JSON.parse(e.details) as Details

export function rapidReviewView(incident: IncidentView, view: { rapidReview: RapidReview | null; entries: RapidReviewEntryRow[]; criteriaSource: string }, clocks: readonly ClockView[]) {
  const rr = view.rapidReview
  const of = (kind: RapidReviewEntryRow['kind']) => view.entries.filter((e) => e.kind === kind).map((e) => ({ entry: e, d: detailsOf(e) }))
  const may = (action: IncidentView['actions'][number]) => incident.actions.includes(action)
  const clock = clocks.find((c) => c.key === 'rapid_review_sent')
  return {
    rr,
    clock: clock ? clockRow(clock) : null,
    stoodDown: rr?.stoodDown ? { on: longDate(rr.stoodDown.on), reason: rr.stoodDown.reason } : null,
    can: { manage: may('update_rapid_review'), contribute: may('contribute_rapid_review'), send: may('send_rapid_review'), respond: may('record_panel_response') },
    requests: of('request').map(({ entry, d }) => ({
      id: entry.id, agency: AGENCY_LABELS[entry.agency as Agency] ?? '', contact: str(d['contact']), requestedOn: longDate(str(d['requestedOn'])), dueOn: longDate(str(d['dueOn'])),
      receivedOn: str(d['receivedOn']) ? longDate(str(d['receivedOn'])) : null,
    })),
    meetings: of('meeting').map(({ d }) => ({ heldOn: longDate(str(d['heldOn'])), attendees: Array.isArray(d['attendees']) ? d['attendees'].map(str).join(', ') : '' })),
    actions: of('safeguarding_action').map(({ entry, d }) => ({ agency: AGENCY_LABELS[entry.agency as Agency] ?? '', description: str(d['description']), by: entry.recorded_by })),
    agencies: AGENCIES.map((agency) => {
      const signOff = of('sign_off').find(({ entry }) => entry.agency === agency)
      return {
        name: AGENCY_LABELS[agency],
        information: of('agency_information').filter(({ entry }) => entry.agency === agency).map(({ entry, d }) => ({ text: str(d['information']), by: entry.recorded_by, at: entry.recorded_at })),
        signedOff: signOff ? `Signed off by ${str(signOff.d['signedOffBy']) || signOff.entry.recorded_by}` : 'Not signed off yet',
      }
    }),
    sent: rr?.sentOn
      ? {
          on: longDate(rr.sentOn),
          recommendation: rr.recommendation ? RECOMMENDATION_LABELS[rr.recommendation] : '',
          reasons: rr.recommendationReasons ?? '',
          criteria: REGULATION_11_CRITERIA.map((c) => ({ id: c.id, text: c.text, met: rr.criteria?.[c.id]?.met ? 'Met' : 'Not met', reasons: rr.criteria?.[c.id]?.reasons ?? '' })),
        }
      : null,
    response: rr?.panelResponse ? { on: longDate(rr.panelResponse.receivedOn), agreed: rr.panelResponse.agreed ? 'Yes' : 'No', comments: rr.panelResponse.comments } : null,
    criteriaSource: view.criteriaSource || REGULATION_11_SOURCE,
  }
}
