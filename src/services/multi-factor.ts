// Multi-factor sign-in for local accounts (issue 8; ASVS 6.3.3, 6.5): an authenticator app and
// ten single-use recovery codes. A wrong code counts towards the same lockout as a wrong
// password (sign-in.ts), and every attempt and change is audited.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { multiFactorRepository } from '../data/repositories/multi-factor.js'
import { usersRepository } from '../data/repositories/users.js'
import { acceptedStep, DEMO_TOTP_SECRET } from '../domain/multi-factor/index.js'
import { Permissions } from '../domain/permissions/index.js'
import { inTransaction, refuse, type Actor, type Refusal, type ServiceDeps } from './context.js'
import { LOCKOUT } from './sign-in.js'
import { endSessionsOf } from './user-sessions.js'

export const RECOVERY_CODE_COUNT = 10
// No 0/O or 1/l/I: people copy these from paper.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten characters from 31 (about 50 bits each): random enough that SHA-256 is a fit hash. */
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

// Case, spaces and the hyphen do not matter: people copy these from paper.
const hashCode = (code: string) => createHash('sha256').update(code.toLowerCase().replace(/[\s-]+/g, '')).digest('hex')
const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{5}[\s-]*[a-z0-9]{5}$/i.test(code.trim())

export interface Who {
  readonly userId: string
  readonly ip?: string | null
  readonly requestId?: string | null
}

export type CodeResult = { ok: true; usedRecoveryCode: boolean; recoveryCodesLeft: number } | Refusal<'refused'>

export function multiFactorService(deps: ServiceDeps) {
  const read = multiFactorRepository(deps.database.db)

  /** The user as an actor for the trail (no permissions: they are not signed in yet). */
  async function actorFor(trx: Parameters<typeof usersRepository>[0], who: Who): Promise<Actor & { kind: 'user' }> {
    const user = await usersRepository(trx).findById(who.userId)
    return { kind: 'user', userId: who.userId, email: user?.email ?? '', permissions: Permissions.none(), requestId: who.requestId ?? null, ip: who.ip ?? null }
  }

  async function issueRecoveryCodes(trx: Parameters<typeof usersRepository>[0], userId: string, at: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
    await multiFactorRepository(trx).replaceRecoveryCodes(userId, codes.map((code) => ({ id: randomUUID(), hash: hashCode(code) })), at)
    return codes
  }

  return {
    enrolled: async (userId: string): Promise<boolean> => (await read.findTotp(userId)) !== undefined,

    unusedRecoveryCodes: (userId: string): Promise<number> => read.unusedRecoveryCodes(userId),

    /**
     * Sets up (or replaces) the user's authenticator app once they have typed a code from it,
     * and issues new recovery codes, which are returned once and stored only hashed.
     */
    async enrol(who: Who, secret: string, code: string): Promise<{ ok: true; recoveryCodes: string[] } | Refusal<'wrong-code'>> {
      return inTransaction(deps, async ({ trx, now, audit }) => {
        const actor = await actorFor(trx, who)
        const step = acceptedStep(secret, code, now, 0)
        if (step === null) {
          await audit(actor, { action: 'mfa.enrolment-failed', outcome: 'wrong code', recordType: 'user', recordId: who.userId })
          return refuse('wrong-code')
        }
        const replacing = (await multiFactorRepository(trx).findTotp(who.userId)) !== undefined
        await multiFactorRepository(trx).saveTotp(who.userId, secret, step, now.toISOString())
        const recoveryCodes = await issueRecoveryCodes(trx, who.userId, now.toISOString())
        await audit(actor, { action: replacing ? 'mfa.replaced' : 'mfa.enrolled', outcome: 'done', recordType: 'user', recordId: who.userId })
        return { ok: true as const, recoveryCodes }
      })
    },

    /** The second step of signing in: a code from the app, or an unused recovery code. */
    async verify(who: Who, code: string): Promise<CodeResult> {
      return inTransaction(deps, async ({ trx, now, audit }) => {
        const actor = await actorFor(trx, who)
        const users = usersRepository(trx)
        const mfa = multiFactorRepository(trx)
        const user = await users.findById(who.userId)
        const failed = async (outcome: string) => {
          await audit(actor, { action: 'sign-in.failed', outcome, recordType: 'user', recordId: who.userId })
          return refuse('refused')
        }
        const totp = await mfa.findTotp(who.userId)
        if (!user || !totp) return failed('no authenticator app')
        if (user.disabled_at !== null) return failed('account disabled')
        if (user.locked_until !== null && user.locked_until > now.toISOString()) return failed('account locked')
        let usedRecoveryCode = false
        const step = acceptedStep(totp.secret, code, now, totp.last_step)
        if (step !== null) {
          if (!(await mfa.useStep(who.userId, step))) return failed('code already used')
        } else if (looksLikeRecoveryCode(code) && (await mfa.useRecoveryCode(who.userId, hashCode(code), now.toISOString()))) {
          usedRecoveryCode = true
        } else {
          const failures = await users.countFailure(who.userId)
          if (failures < LOCKOUT.failures) return failed('wrong code')
          await users.lock(who.userId, new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString())
          return failed(`wrong code: locked for ${LOCKOUT.minutes} minutes`)
        }
        await users.clearFailures(who.userId)
        await audit(actor, { action: 'sign-in.succeeded', outcome: usedRecoveryCode ? 'done: recovery code' : 'done: authenticator code', recordType: 'user', recordId: who.userId })
        return { ok: true as const, usedRecoveryCode, recoveryCodesLeft: await mfa.unusedRecoveryCodes(who.userId) }
      })
    },

    /** New recovery codes (the old ones stop working); returned once. */
    async newRecoveryCodes(who: Who): Promise<{ ok: true; recoveryCodes: string[] } | Refusal<'not-enrolled'>> {
      return inTransaction(deps, async ({ trx, now, audit }) => {
        if (!(await multiFactorRepository(trx).findTotp(who.userId))) return refuse('not-enrolled')
        const recoveryCodes = await issueRecoveryCodes(trx, who.userId, now.toISOString())
        await audit(await actorFor(trx, who), { action: 'mfa.recovery-codes-replaced', outcome: 'done', recordType: 'user', recordId: who.userId })
        return { ok: true as const, recoveryCodes }
      })
    },

    /**
     * The operator removes a user's app (lost phone and codes); they set up a new one at next
     * sign-in (ASVS 6.4.3). A reset usually means the factor may be in someone else's hands, so
     * the user's sessions end in the same transaction: nobody stays signed in on the old factor.
     */
    async reset(actor: Actor, userId: string): Promise<{ ok: true; sessionsEnded: number } | Refusal<'forbidden' | 'not-enrolled'>> {
      if (actor.kind !== 'system') return Promise.resolve(refuse('forbidden'))
      return inTransaction(deps, async (work) => {
        const { trx, now, audit } = work
        const mfa = multiFactorRepository(trx)
        if (!(await mfa.findTotp(userId))) return refuse('not-enrolled')
        await trx.deleteFrom('user_totp').where('user_id', '=', userId).execute()
        await mfa.replaceRecoveryCodes(userId, [], now.toISOString())
        await audit(actor, { action: 'mfa.reset', outcome: 'done', recordType: 'user', recordId: userId })
        const sessionsEnded = await endSessionsOf(work, actor, userId, null, 'authenticator app reset')
        return { ok: true as const, sessionsEnded }
      })
    },

    /** Outside production only: the demo accounts that must have an app get the demo's. */
    async enrolDemo(userId: string): Promise<void> {
      if (process.env.NODE_ENV === 'production') throw new Error('The demo authenticator is never set up in production')
      await inTransaction(deps, async ({ trx, now, audit }) => {
        const mfa = multiFactorRepository(trx)
        if (await mfa.findTotp(userId)) return
        await mfa.saveTotp(userId, DEMO_TOTP_SECRET, 0, now.toISOString())
        await audit({ kind: 'system', name: 'demo loader' }, { action: 'mfa.enrolled', outcome: 'done: demo authenticator', recordType: 'user', recordId: userId })
      })
    },
  }
}
