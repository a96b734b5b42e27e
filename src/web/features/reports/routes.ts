// Reports (issue 6, items 3 and 4): the figures for a chosen period with charts and tables, the
// figures for a partnership's yearly report, and the exports (CSV, XLSX) after a justification.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../actor.js'
import { requires } from '../../plugins/access.js'
import { forbidden } from '../../plugins/errors.js'
import { parseForm } from '../../forms.js'
import type { Period } from '../../../domain/reports/index.js'
import { londonToday } from '../incidents/presenter.js'
import type { FeatureOptions } from '../index.js'
import { sendFile } from '../notifications/routes.js'
import { filenameFor, reportCsv, reportXlsx } from './exports.js'
import { chartsView, figureRows, periodChoices, yearlySections } from './presenter.js'
import { chosenPeriod, exportSchema } from './schema.js'

export default async function reportRoutes(app: FastifyInstance, { services, now }: FeatureOptions): Promise<void> {
  const today = () => londonToday(now()).toString()
  const authorityOf = (request: FastifyRequest) => {
    const id = request.permissions.currentAuthority?.id
    if (!id) throw forbidden()
    return id
  }

  async function reportPage(request: FastifyRequest, reply: FastifyReply, template: string, chosen: ReturnType<typeof chosenPeriod>) {
    const result = await services.reports.figures(actorOf(request), authorityOf(request), chosen.period)
    if (!result.ok) throw forbidden()
    const { period, query } = chosen
    return reply.page(template, {
      period, query, choices: periodChoices(today(), query), figures: figureRows(result.figures), sections: yearlySections(figureRows(result.figures)), breakdowns: await chartsView(result.figures),
      exportHref: `/reports/export?${new URLSearchParams({ kind: period.kind, [period.kind]: query[period.kind] }).toString()}`,
      canExport: request.permissions.can('export'),
    })
  }

  app.get('/reports', { config: requires('report:view') }, (request, reply) => reportPage(request, reply, 'reports/views/reports.njk', chosenPeriod(request.query, today())))

  // The yearly report is on the financial year, always.
  app.get('/reports/yearly', { config: requires('report:view') }, (request, reply) => {
    const { year } = chosenPeriod(request.query, today()).query
    return reportPage(request, reply, 'reports/views/yearly.njk', chosenPeriod({ kind: 'year', year }, today()))
  })

  const exportPage = (reply: FastifyReply, period: Period, data: object = {}, status?: number) => reply.page('reports/views/export.njk', { period, values: {}, ...data }, status)

  app.get('/reports/export', { config: requires('export') }, (request, reply) => exportPage(reply, chosenPeriod(request.query, today()).period, { query: chosenPeriod(request.query, today()).query }))

  app.post('/reports/export', { config: requires('export') }, async (request, reply) => {
    const { period, query } = chosenPeriod(request.body, today())
    const parsed = parseForm(exportSchema, request.body, { format: 'format' })
    if (!parsed.ok) return exportPage(reply, period, { query, values: request.body ?? {}, errors: parsed.errors, errorList: parsed.errorList }, 400)
    const { format, justification } = parsed.data
    const result = await services.reports.exportFigures(actorOf(request), authorityOf(request), period, justification, format)
    if (!result.ok) throw forbidden()
    const filename = filenameFor(period, format)
    return format === 'csv'
      ? sendFile(reply, { filename, type: 'text/csv; charset=utf-8', body: reportCsv(result.figures, period) })
      : sendFile(reply, { filename, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await reportXlsx(result.figures, period) })
  })
}
