// The incident record (the case): its sections, completeness, date rules, the engine run per child,
// the grouping of children into notifications, and the decision rules.
export * from './fields.js'
export * from './completeness.js'
export * from './validation.js'
export * from './assessment.js'
export * from './grouping.js'
export * from './decision.js'
