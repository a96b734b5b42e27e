// The notification rules: which notifications an authority owes for an incident, and why.
export { assess, NOTIFICATION_WORKING_DAYS, type Assessment, type Decision, type Notification, type NotificationKind, type Recipient } from './assess.js'
export { validateFacts, OUTCOMES, ABUSE_OR_NEGLECT, LOCATIONS, type Facts, type ChildFacts, type FactsProblem, type FactsResult, type Outcome, type AbuseOrNeglect, type Location } from './facts.js'
export { ageInYears, childStatus, type ChildStatus } from './child.js'
export { seriousIncidentTest, type PendingJudgement, type SeriousIncidentResult } from './serious-incident.js'
export { lookedAfterChildDeath, careLeaverDeath, type DeathNotificationResult } from './deaths.js'
export { CITE, type Reason } from './reason.js'
