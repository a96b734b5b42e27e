// CSRF tokens on every state-changing request (ASVS 3.5.1), kept in the session. Checked at
// preValidation, once the form body is parsed (at onRequest the token in the body is not yet
// readable). Never switched off, in tests or anywhere else.
import csrf from '@fastify/csrf-protection'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { isApiAccess } from './access.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

async function csrfProtection(app: FastifyInstance): Promise<void> {
  await app.register(csrf, { sessionPlugin: '@fastify/session' })
  app.addHook('preValidation', (request, reply, done) => {
    // API requests carry a bearer token and no cookies are accepted for them, so there is no
    // ambient credential for a forged request to ride on. Upload routes check the token themselves
    // once the multipart body is read (plugins/uploads.ts).
    if (SAFE_METHODS.has(request.method) || isApiAccess(request.routeOptions.config.access) || request.routeOptions.config.upload === true) return done()
    app.csrfProtection(request, reply, done)
  })
}

export default fp(csrfProtection, { name: 'csrf', dependencies: ['sessions'] })
