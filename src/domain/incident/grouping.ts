// How many notifications several children need, and which children each covers. The rules are
// GOV.UK's "Report a serious child safeguarding incident" (domain reference R6):
//   - "submit a separate notification form for each child that died";
//   - serious harm to siblings: "only submit a single notification form providing details of the
//     harm suffered by all the children in the family";
//   - serious harm to children who are not siblings: "submit a separate notification form for each child";
//   - exploitation with a large-scale police operation: "a single notification form for the main
//     child ... and add brief identifying details of the other children ... in the case outline".
import { childLabel, type Child, type IncidentSection } from './fields.js'

export const GROUPING_SOURCE = 'GOV.UK: Report a serious child safeguarding incident'

export interface ProposedNotification {
  readonly childIds: readonly string[]
  /** Plain English, citing the guidance. */
  readonly reason: string
}

/** The user's own grouping, replacing the proposal, with the reason they gave (issue 4, item 2). */
export interface AdjustedGrouping {
  readonly groups: readonly { readonly childIds: readonly string[] }[]
  readonly reason: string
}

const died = (c: Child): boolean => c.outcome === 'died'
/** A child the notification might cover: dead, seriously harmed, or harm not yet judged. */
const harmed = (c: Child): boolean => c.outcome === 'seriously_harmed' || c.outcome === 'harm_uncertain'

export function proposeNotifications(children: readonly Child[], incident: IncidentSection): ProposedNotification[] {
  const label = (c: Child): string => childLabel(c, children.indexOf(c))
  const proposals: ProposedNotification[] = children.filter(died).map((c) => ({
    childIds: [c.id],
    reason: `One notification for ${label(c)}, who died: the guidance says to submit a separate notification for each child who died (${GROUPING_SOURCE}).`,
  }))
  const living = children.filter(harmed)
  const [main, ...others] = living
  if (incident.exploitationOperation && main && others.length > 0) {
    proposals.push({
      childIds: [main.id],
      reason: `One notification for the main child, ${label(main)}, listing the other ${others.length} ${others.length === 1 ? 'child' : 'children'} briefly in the case outline: the guidance says so for exploitation with a large-scale police operation (${GROUPING_SOURCE}). The first harmed child recorded is taken as the main child; adjust this if another child is.`,
    })
    return proposals
  }
  const bySiblingGroup = new Map<string, Child[]>()
  for (const child of living) {
    const key = child.siblingGroup?.trim() ? `group:${child.siblingGroup.trim()}` : `child:${child.id}`
    bySiblingGroup.set(key, [...(bySiblingGroup.get(key) ?? []), child])
  }
  for (const group of bySiblingGroup.values()) {
    const names = group.map(label)
    proposals.push({
      childIds: group.map((c) => c.id),
      reason:
        group.length > 1
          ? `One notification for ${names.join(' and ')} together: they are siblings, and the guidance says to submit a single notification for harm to children in the same family (${GROUPING_SOURCE}).`
          : `One notification for ${names[0] ?? 'the child'}: the guidance says to submit a separate notification for each harmed child who is not a sibling of another (${GROUPING_SOURCE}).`,
    })
  }
  return proposals
}

/** Checks an adjusted grouping against the record: known children, each in one group, a reason. */
export function groupingProblems(children: readonly Child[], grouping: AdjustedGrouping): Record<string, string> {
  const errors: Record<string, string> = {}
  if (grouping.reason.trim() === '') errors['reason'] = 'Enter why you are changing the notifications proposed'
  const known = new Set(children.map((c) => c.id))
  const seen = new Set<string>()
  for (const group of grouping.groups) {
    if (group.childIds.length === 0) errors['groups'] = 'Each notification must cover at least one child'
    for (const id of group.childIds) {
      if (!known.has(id)) errors['groups'] = 'Select children from this incident'
      else if (seen.has(id)) errors['groups'] = 'Select each child for one notification only'
      seen.add(id)
    }
  }
  if (grouping.groups.length === 0) errors['groups'] = 'Add at least one notification'
  return errors
}
