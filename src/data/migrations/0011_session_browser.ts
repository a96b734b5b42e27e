// "Your sessions" (ASVS 7.5.2): a short, coarse description of the browser each session signed in
// from ("Firefox on Windows"), so the user can tell their sessions apart. No version, no IP
// address and never the raw user agent: only what helps the user recognise a device.
import type { Kysely, Migration } from 'kysely'

export function sessionBrowser(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sessions').addColumn('browser', 'text').execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('sessions').dropColumn('browser').execute()
    },
  }
}
