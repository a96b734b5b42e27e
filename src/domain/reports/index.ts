// Report figures (issue 6, item 3): periods and pure aggregation.
export * from './periods.js'
export * from './figures.js'
