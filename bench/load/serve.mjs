// The server under load, run as a child process of the benchmark so that its memory is its own:
// the real service started as `npm run start:prod` starts it (the compiled build, configuration
// from the environment), or from the sources when BENCH_SERVER_ROOT names src (run under tsx),
// and in the same process a bare Fastify route, the baseline every figure is compared with.
// Plain JavaScript, so that production runs without tsx. Tells the parent where both listen.
import Fastify from 'fastify'

const root = process.env.BENCH_SERVER_ROOT ?? '../../dist/src'
const { loadConfig } = await import(`${root}/config.js`)
const { startServer } = await import(`${root}/server.js`)

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
