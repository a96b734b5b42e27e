// Changing sign-in details (issue 8; ASVS 6.2.3, 7.5.1): the user proves it is them again —
// their password, and a code when they have an authenticator app — before changing their
// password, setting up a new authenticator app or getting new recovery codes. Wrong answers
// count towards the sign-in lockout. Everything is audited.
import { sql } from 'kysely'
import { usersRepository } from '../data/repositories/users.js'
import { Permissions } from '../domain/permissions/index.js'
import { inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'
import type { multiFactorService, Who } from './multi-factor.js'
import { checkPassword, hashPassword, passwordMatches } from './passwords.js'
import { LOCKOUT } from './sign-in.js'

export function signInDetailsService(deps: ServiceDeps, multiFactor: ReturnType<typeof multiFactorService>) {
  const read = usersRepository(deps.database.db)
  const actorOf = (who: Who, email: string): Actor => ({ kind: 'user', userId: who.userId, email, permissions: Permissions.none(), requestId: who.requestId ?? null, ip: who.ip ?? null })

  return {
    /** Password (and code when enrolled) again. */
    async confirmIdentity(who: Who, password: string, code: string): Promise<{ ok: true } | Refusal<'wrong-password' | 'wrong-code'>> {
      const row = await read.findById(who.userId)
      const matches = row ? await passwordMatches(row.password_hash, password) : false
      const passwordResult = await inTransaction(deps, async ({ trx, now, audit }) => {
        const users = usersRepository(trx)
        const locked = row?.locked_until !== null && row?.locked_until !== undefined && row.locked_until > now.toISOString()
        if (row && matches && !locked) return true
        if (row && !locked && (await users.countFailure(row.id)) >= LOCKOUT.failures) {
          await users.lock(row.id, new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString())
        }
        await audit(actorOf(who, row?.email ?? ''), { action: 'reauthentication.failed', outcome: locked ? 'account locked' : 'wrong password', recordType: 'user', recordId: who.userId })
        return false
      })
      if (!passwordResult) return refuse('wrong-password')
      if (await multiFactor.enrolled(who.userId)) {
        // The same check, counting and audit as the second step of signing in.
        const verified = await multiFactor.verify(who, code)
        if (!verified.ok) return refuse('wrong-code')
      }
      await inTransaction(deps, ({ audit }) => audit(actorOf(who, row?.email ?? ''), { action: 'reauthentication.succeeded', outcome: 'done', recordType: 'user', recordId: who.userId }))
      return { ok: true }
    },

    async changePassword(who: Who, password: string): Promise<{ ok: true } | { ok: false; reason: 'weak-password'; message: string } | Refusal<'not-found'>> {
      const row = await read.findById(who.userId)
      if (!row) return refuse('not-found')
      const check = checkPassword(password, { email: row.email, name: row.name })
      if (!check.ok) return { ok: false, reason: 'weak-password', message: check.message }
      const hash = await hashPassword(password)
      return inTransaction(deps, async ({ trx, now, audit }) => {
        await trx.updateTable('users').set({ password_hash: hash, updated_at: now.toISOString(), version: sql`version + 1` }).where('id', '=', who.userId).execute()
        await audit(actorOf(who, row.email), { action: 'user.password-changed', outcome: 'done', recordType: 'user', recordId: who.userId })
        return { ok: true as const }
      })
    },
  }
}
