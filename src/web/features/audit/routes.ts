import type { FastifyInstance } from 'fastify'
export default async function auditRoutes(_app: FastifyInstance): Promise<void> {}
