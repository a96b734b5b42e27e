// The signed-in user as the services see them: who, with which permissions, from which request.
import type { FastifyRequest } from 'fastify'
import type { Actor } from '../services/context.js'
import { forbidden } from './plugins/errors.js'

export function actorOf(request: FastifyRequest): Actor & { kind: 'user' } {
  const user = request.user
  // The auth plugin lets no unsigned-in request reach a route that needs an actor.
  if (!user) throw forbidden()
  return { kind: 'user', userId: user.id, email: user.email, permissions: request.permissions, requestId: request.id, ip: request.ip }
}

/** The authority the user is working in; routes that need one are refused without it. */
export function currentAuthorityId(request: FastifyRequest): string {
  const authority = request.permissions.currentAuthority
  if (!authority) throw forbidden()
  return authority.id
}
