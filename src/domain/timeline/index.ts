// The statutory timeline: each clock's start event, length, unit and citation.
export { CLOCKS, clock, dueDate, type Clock, type ClockId, type ClockUnit, type StartEvent } from './clocks.js'
