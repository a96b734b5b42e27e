// The services the web application calls: the data engineer's createServices() result. The
// composition root (server.ts, or a test) builds it; the web never touches src/data itself.
export type { Services as WebServices } from '../services/index.js'
