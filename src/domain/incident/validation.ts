// Cross-field rules on dates, worded as the GOV.UK Design System advises for date inputs and keyed
// by the field the user must change. `today` comes from the service's clock (the domain has none).
import { CalendarDay } from '../calendar/index.js'
import type { ChildDetails, IncidentRecord } from './fields.js'

export type FieldErrors = Readonly<Record<string, string>>

/** The statutory duty to notify the Panel began on 29 June 2018 (CSPR Regulations 2018; domain R1). */
export const DUTY_BEGAN = CalendarDay.parse('2018-06-29')

const day = (value: string | undefined): CalendarDay | undefined => (value === undefined ? undefined : CalendarDay.tryParse(value))

/** Rules for the awareness and incident pages, against what the record already holds. */
export function datesProblems(record: IncidentRecord, today: CalendarDay, focus: 'awareness' | 'incident'): FieldErrors {
  const errors: Record<string, string> = {}
  const aware = day(record.awareness.awareDate)
  const incident = record.incident.incidentDateNotKnown ? undefined : day(record.incident.incidentDate)
  if (focus === 'awareness' && aware) {
    if (aware.isAfter(today)) errors['awareDate'] = 'Date you became aware must be today or in the past'
    else if (aware.isBefore(DUTY_BEGAN)) errors['awareDate'] = 'Date you became aware must be the same as or after 29 June 2018, when the duty to notify began'
    else if (incident?.isAfter(aware)) errors['awareDate'] = 'Date you became aware must be the same as or after the date of the incident'
  }
  if (focus === 'incident' && incident) {
    if (incident.isAfter(today)) errors['incidentDate'] = 'Date of incident must be today or in the past'
    else if (aware && incident.isAfter(aware)) errors['incidentDate'] = 'Date of incident must be the same as or before the date you became aware'
    else {
      const bornLater = record.children.some((c) => {
        const born = day(c.dateOfBirth)
        return born !== undefined && born.isAfter(incident)
      })
      if (bornLater) errors['incidentDate'] = 'Date of incident must be the same as or after each child’s date of birth'
    }
  }
  return errors
}

/** Rules for one child's page: a date of birth not after the incident (or the day of awareness). */
export function childDatesProblems(record: IncidentRecord, child: ChildDetails, today: CalendarDay): FieldErrors {
  const born = day(child.dateOfBirth)
  if (child.nameStatus === 'unborn' && child.dateOfBirth !== undefined) return { dateOfBirth: 'Leave the date of birth empty for an unborn child' }
  if (!born) return {}
  if (born.isAfter(today)) return { dateOfBirth: 'Date of birth must be today or in the past' }
  const incident = record.incident.incidentDateNotKnown ? undefined : day(record.incident.incidentDate)
  if (incident && born.isAfter(incident)) return { dateOfBirth: 'Date of birth must be the same as or before the date of the incident' }
  const aware = day(record.awareness.awareDate)
  if (!incident && aware && born.isAfter(aware)) return { dateOfBirth: 'Date of birth must be the same as or before the date you became aware' }
  return {}
}
