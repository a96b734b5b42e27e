// The reports read only the cases a period can count (docs/performance.md): a case counts in the
// period it became aware of, but its steps count in the period they happened, whenever it began.
// Moving a case's awareness into the year before must move its screening, and nothing else.
import assert from 'node:assert/strict'
import { periodOf, type Figures } from '../../src/domain/reports/index.js'
import { forEachDatabase, servicesAt } from '../helpers/databases.js'
import { demoActors } from '../helpers/incidents.js'

/** The figures a step in the period makes, whenever its case became aware. */
const steps = (f: Figures) => ({
  notifications: f.notificationsByKind, sent: f.sent, rapidReviewsSent: f.rapidReviewsSent, rapidReviewsOnTime: f.rapidReviewsOnTime,
  practiceReviewsCommissioned: f.practiceReviewsCommissioned, practiceReviewsPublished: f.practiceReviewsPublished, actionsOverdue: f.actionsOverdue,
})

forEachDatabase('reports: a case aware in an earlier year still has its notifications and reviews counted in the year they happened', async (database) => {
  const { services } = servicesAt(database, '2026-11-24T09:00:00.000Z')
  await services.loadDemo()
  const { business } = await demoActors(services)
  const cov = await services.authorities.getByCode('COV')
  assert.ok(cov)
  const thisYear = periodOf('year', '2026')
  const lastYear = periodOf('year', '2025')
  assert.ok(thisYear && lastYear)
  const figures = async (period: typeof thisYear) => {
    const result = await services.reports.figures(business, cov.id, period)
    assert.ok(result.ok)
    return result.figures
  }
  const before = { thisYear: await figures(thisYear), lastYear: await figures(lastYear) }
  assert.ok(before.thisYear.rapidReviewsSent > 0 && before.thisYear.sent > 0, 'the demo has steps this year')

  // A demo case with a rapid review sent this year becomes aware of on the last working day of the year before.
  const withReview = await database.db.selectFrom('case_progress').innerJoin('incidents', 'incidents.id', 'case_progress.incident_id')
    .select(['incidents.id', 'incidents.aware_date']).where('incidents.authority_id', '=', cov.id).where('case_progress.rapid_review', 'is not', null).orderBy('incidents.reference').executeTakeFirst()
  assert.ok(withReview?.aware_date && withReview.aware_date >= thisYear.from)
  await database.db.updateTable('incidents').set({ aware_date: '2026-03-31' }).where('id', '=', withReview.id).execute()

  const after = { thisYear: await figures(thisYear), lastYear: await figures(lastYear) }
  assert.equal(after.thisYear.screened, before.thisYear.screened - 1, 'screened in the year it became aware')
  assert.equal(after.lastYear.screened, before.lastYear.screened + 1)
  assert.equal(after.thisYear.rapidReviewsSent, before.thisYear.rapidReviewsSent, 'its rapid review still counts this year')
  assert.equal(after.thisYear.sent, before.thisYear.sent, 'its notification still counts this year')
  assert.deepEqual(steps(after.lastYear), steps(before.lastYear), 'and none of its steps moved to last year')
})
