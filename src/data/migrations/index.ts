// The one migration history for both databases. Migrations are listed here (not discovered
// from the folder) so the compiled build and tsx run exactly the same list. Kysely does not tell
// a migration which dialect it runs on (kysely-org/kysely#1191), so the few that must differ get
// the dialect through this closure.
import type { Migration, MigrationProvider } from 'kysely'
import type { Dialect } from '../db.js'
import { initial } from './0001_initial.js'
import { incidents } from './0002_incidents.js'
import { afterDecision } from './0003_after_decision.js'
import { reminders } from './0004_reminders.js'
import { apiTokens } from './0005_api_tokens.js'
import { webhooks } from './0006_webhooks.js'
import { singleSignOn } from './0007_single_sign_on.js'
import { multiFactor } from './0008_multi_factor.js'
import { imports } from './0009_imports.js'
import { retention } from './0010_retention.js'
import { sessionBrowser } from './0011_session_browser.js'
import { nationalScaleIndexes } from './0012_national_scale_indexes.js'

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_initial': initial(dialect),
    '0002_incidents': incidents(),
    '0003_after_decision': afterDecision(dialect),
    '0004_reminders': reminders(),
    '0005_api_tokens': apiTokens(),
    '0006_webhooks': webhooks(),
    '0007_single_sign_on': singleSignOn(),
    '0008_multi_factor': multiFactor(),
    '0009_imports': imports(),
    '0010_retention': retention(dialect),
    '0011_session_browser': sessionBrowser(),
    '0012_national_scale_indexes': nationalScaleIndexes(),
  }
  return { getMigrations: () => Promise.resolve(migrations) }
}
