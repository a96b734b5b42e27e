export * from './fields.js'
