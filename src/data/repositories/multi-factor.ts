// Authenticator apps (TOTP secrets with the last time-step accepted) and recovery codes.
import type { Kysely } from 'kysely'
import type { Schema } from '../schema.js'

export function multiFactorRepository(db: Kysely<Schema>) {
  return {
    findTotp(userId: string): Promise<{ secret: string; last_step: number } | undefined> {
      return db.selectFrom('user_totp').select(['secret', 'last_step']).where('user_id', '=', userId).executeTakeFirst()
    },

    /** Sets (or replaces) the user's authenticator app. */
    async saveTotp(userId: string, secret: string, lastStep: number, at: string): Promise<void> {
      await db.deleteFrom('user_totp').where('user_id', '=', userId).execute()
      await db.insertInto('user_totp').values({ user_id: userId, secret, last_step: lastStep, enrolled_at: at }).execute()
    },

    /**
     * Records the time-step as used, only if it is later than the last one: one statement, so two
     * requests with the same code at once cannot both succeed.
     */
    async useStep(userId: string, step: number): Promise<boolean> {
      const result = await db.updateTable('user_totp').set({ last_step: step }).where('user_id', '=', userId).where('last_step', '<', step).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async replaceRecoveryCodes(userId: string, rows: { id: string; hash: string }[], at: string): Promise<void> {
      await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute()
      if (rows.length > 0) {
        await db.insertInto('user_recovery_codes').values(rows.map((r) => ({ id: r.id, user_id: userId, code_hash: r.hash, used_at: null, created_at: at }))).execute()
      }
    },

    /** Marks an unused code as used; false when there is none with this hash. */
    async useRecoveryCode(userId: string, hash: string, at: string): Promise<boolean> {
      const result = await db.updateTable('user_recovery_codes').set({ used_at: at }).where('user_id', '=', userId).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async unusedRecoveryCodes(userId: string): Promise<number> {
      const row = await db.selectFrom('user_recovery_codes').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
