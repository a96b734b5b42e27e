// After the decision to notify (issue 5): clocks, the rapid review's criteria, actions, exports.
export * from './clocks-for.js'
export * from './review.js'
export * from './csv.js'
export * from './progress.js'
export * from './pack.js'
