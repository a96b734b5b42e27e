// The server under load, run as a child process of the benchmark so that its memory is its own:
// the real service started exactly as `npm start` starts it (configuration from the environment),
// and in the same process a bare Fastify route, the baseline every figure is compared with.
// Tells the parent where both listen through the IPC channel.
import Fastify from 'fastify'
import { loadConfig } from '../../src/config.js'
import { startServer } from '../../src/server.js'

const server = await startServer(loadConfig(process.env), { handleSignals: false })
const bare = Fastify({ logger: false })
bare.get('/', () => ({ ok: true }))
await bare.listen({ port: 0, host: '127.0.0.1' })
const address = bare.server.address()
const barePort = typeof address === 'object' && address ? address.port : 0

process.send?.({ ready: server.url, bare: `http://127.0.0.1:${barePort}` })
process.on('message', (message) => {
  if (message !== 'stop') return
  void Promise.all([server.close(), bare.close()]).then(() => process.exit(0))
})
