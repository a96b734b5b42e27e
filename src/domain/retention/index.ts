export * from './periods.js'
export * from './anonymise.js'
