// Signing in (ASVS 6.3.1, 6.1.1, 16.3.1). Every refusal gives the same answer whether the account
// does not exist, the password is wrong, the account is locked or it is disabled, and takes
// about the same time, so sign-in cannot be used to find out who has an account. Every attempt
// is audited.
import { multiFactorRepository } from '../data/repositories/multi-factor.js'
import { usersRepository } from '../data/repositories/users.js'
import { Permissions } from '../domain/permissions/index.js'
import { inTransaction, type Actor, type ServiceDeps } from './context.js'
import { passwordMatches, spendVerifyTime } from './passwords.js'
import { toUser, type SignedInUser } from './users.js'

/** Failures in a row that lock an account, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const

/** The one message for every refusal, as the GOV.UK Design System words it. */
export const SIGN_IN_REFUSED_MESSAGE = 'Enter a correct email address and password. After 5 wrong attempts your account is locked for 15 minutes'

// Before sign-in the user has no permissions; the audit entry needs only who they are.
const noPermissions = Permissions.none()

export interface SignInInput {
  readonly email: string
  readonly password: string
  readonly ip?: string | null
  readonly requestId?: string | null
}

/** `codeNext`: the user has an authenticator app, so the code comes next. */
export type SignInResult = { readonly ok: true; readonly user: SignedInUser; readonly codeNext: boolean } | { readonly ok: false; readonly reason: 'refused' }

export function signInService(deps: ServiceDeps) {
  const read = usersRepository(deps.database.db)

  return async function signIn(input: SignInInput): Promise<SignInResult> {
    const email = input.email.trim().toLowerCase()
    const row = email === '' ? undefined : await read.findByEmail(email)
    // Verify before opening the transaction: argon2 takes tens of milliseconds.
    const matches = row ? await passwordMatches(row.password_hash, input.password) : (await spendVerifyTime(input.password), false)

    return inTransaction(deps, async ({ trx, now, audit }) => {
      const users = usersRepository(trx)
      const user = row ? await users.findById(row.id) : undefined
      // An unknown email is not written to the trail: people type passwords into that box.
      const actor: Actor = user
        ? { kind: 'user', userId: user.id, email: user.email, permissions: noPermissions, requestId: input.requestId ?? null, ip: input.ip ?? null }
        : { kind: 'system', name: 'unknown account', requestId: input.requestId ?? null }
      const failed = async (outcome: string) => {
        await audit(actor, { action: 'sign-in.failed', outcome, recordType: 'user', recordId: user?.id ?? null })
        return { ok: false as const, reason: 'refused' as const }
      }
      if (!user) return failed('unknown account')
      if (user.disabled_at !== null) return failed('account disabled')
      if (user.locked_until !== null && user.locked_until > now.toISOString()) return failed('account locked')
      if (!matches) {
        const failures = await users.countFailure(user.id)
        if (failures < LOCKOUT.failures) return failed('wrong password')
        await users.lock(user.id, new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString())
        return failed(`wrong password: locked for ${LOCKOUT.minutes} minutes`)
      }
      // With an authenticator app the sign-in is not over: failures are cleared only when the
      // code is right too, or a wrong code could be tried for ever between right passwords.
      const codeNext = (await multiFactorRepository(trx).findTotp(user.id)) !== undefined
      if (codeNext) {
        await audit(actor, { action: 'sign-in.password-accepted', outcome: 'done: code next', recordType: 'user', recordId: user.id })
      } else {
        await users.clearFailures(user.id)
        await audit(actor, { action: 'sign-in.succeeded', outcome: 'done', recordType: 'user', recordId: user.id })
      }
      return { ok: true as const, codeNext, user: { ...toUser(user), memberships: await users.memberships(user.id) } }
    })
  }
}
