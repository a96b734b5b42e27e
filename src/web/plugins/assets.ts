// Compression and static files. Our built files carry their content hash in the URL (from
// public/build/manifest.json) so browsers may keep them for a year; the Design System's images
// and web manifest sit at /assets, where govuk-frontend's template and CSS expect them.
import compress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { paths } from '../paths.js'
import { PUBLIC } from './access.js'

const YEAR = 31_536_000

/** The hash of each file, for the `?v=` part of its URL. */
function readVersions(): Record<string, string> {
  const built = JSON.parse(readFileSync(join(paths.builtAssets, 'manifest.json'), 'utf8')) as Record<string, string>
  const scripts = Object.fromEntries(
    readdirSync(paths.scripts).map((name) => [
      `js/${name}`,
      createHash('sha256').update(readFileSync(join(paths.scripts, name))).digest('hex').slice(0, 12),
    ]),
  )
  return { ...built, ...scripts }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The cache-busted URL of one of our assets, e.g. assetUrl('application.css'). */
    assetUrl(name: string): string
  }
}

async function assets(app: FastifyInstance): Promise<void> {
  const versions = readVersions()
  app.decorate('assetUrl', (name: string) => {
    const version = versions[name]
    if (version === undefined) throw new Error(`No such asset: ${name}`)
    return name.startsWith('js/') ? `/assets/${name}?v=${version}` : `/assets/build/${name}?v=${version}`
  })

  await app.register(compress, { threshold: 1024 })

  // Static files are public by design; this hook declares it on every route registered here.
  await app.register(async (files) => {
    files.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: PUBLIC }
    })
    const immutable = { maxAge: YEAR * 1000, immutable: true, index: false } as const
    await files.register(fastifyStatic, { root: paths.builtAssets, prefix: '/assets/build/', ...immutable })
    await files.register(fastifyStatic, { root: paths.scripts, prefix: '/assets/js/', decorateReply: false, ...immutable })
    await files.register(fastifyStatic, { root: paths.govukAssets, prefix: '/assets/', maxAge: '1d', decorateReply: false, index: false })
  })
}

export default fp(assets, { name: 'assets' })
