// Who the decision owner is and how to reach them: the procedure tells anyone who thinks a case
// meets the criteria to contact them for a discussion, so the pages say so from the settings.
import type { WebServices } from '../../services.js'

export interface DecisionOwnerContact {
  readonly title: string
  readonly name: string | null
  readonly email: string | null
  readonly phone: string | null
}

export async function decisionOwnerContact(services: WebServices, authorityId: string): Promise<DecisionOwnerContact | null> {
  const authority = await services.authorities.get(authorityId)
  if (!authority) return null
  return { title: authority.decisionOwnerTitle, name: authority.decisionOwnerName, email: authority.decisionOwnerEmail, phone: authority.decisionOwnerPhone }
}
