// Importing cases from a spreadsheet (issue 7, item 5): upload a CSV or XLSX tracker, choose
// which column holds each field (guessed from the headers), see the dry run's problems row by
// row, then import. For whoever may record incidents (practitioners, decision owners).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import { acceptUploads, uploadBody } from '../../plugins/uploads.js'
import { MAX_IMPORT_ROWS, readSpreadsheet } from '../../../services/spreadsheets.js'
import type { FeatureOptions } from '../index.js'
import { columnsPage, dryRunPage, mappingFromForm } from './presenter.js'

const RECORD = requires('incident:record')
const UPLOAD = 'imports/views/upload.njk'
const idOf = (request: FastifyRequest) => (request.params as { id: string }).id

export default async function importRoutes(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { services } = options
  await acceptUploads(app)
  const uploadError = (reply: FastifyReply, message: string) => reply.page(UPLOAD, { maxRows: MAX_IMPORT_ROWS, ...formErrors({ file: message }) }, 400)

  app.get('/incidents/import', { config: RECORD }, async (_request, reply) => reply.page(UPLOAD, { maxRows: MAX_IMPORT_ROWS }))

  app.post('/incidents/import', { config: { ...RECORD, upload: true } }, async (request, reply) => {
    const body = uploadBody(request)
    if (body.fileProblem === 'too-large') return uploadError(reply, 'The selected file must be smaller than 2 MB')
    if (!body.file) return uploadError(reply, 'Select a CSV or XLSX file')
    const table = await readSpreadsheet(body.file.filename, body.file.data)
    if (!table.ok) return uploadError(reply, table.message)
    const result = await services.imports.upload(actorOf(request), currentAuthorityId(request), body.file.filename, table)
    if (!result.ok) throw notFound()
    return reply.redirect(`/incidents/import/${result.id}/columns`, 303)
  })

  app.get('/incidents/import/:id/columns', { config: RECORD }, async (request, reply) => {
    const result = await services.imports.get(actorOf(request), idOf(request))
    if (!result.ok) throw notFound()
    return reply.page('imports/views/columns.njk', columnsPage(result.upload, result.mapping))
  })

  app.post('/incidents/import/:id/columns', { config: RECORD }, async (request, reply) => {
    const mapping = mappingFromForm(request.body)
    const result = await services.imports.chooseColumns(actorOf(request), idOf(request), mapping)
    if (result.ok) return reply.redirect(`/incidents/import/${idOf(request)}/check`, 303)
    if (result.reason === 'not-found') throw notFound()
    const loaded = await services.imports.get(actorOf(request), idOf(request))
    if (!loaded.ok) throw notFound()
    return reply.page('imports/views/columns.njk', { ...columnsPage(loaded.upload, mapping), ...formErrors(result.errors) }, 400)
  })

  app.get('/incidents/import/:id/check', { config: RECORD }, async (request, reply) => {
    const result = await services.imports.dryRun(actorOf(request), idOf(request))
    if (!result.ok) throw notFound()
    return reply.page('imports/views/check.njk', dryRunPage(result))
  })

  app.post('/incidents/import/:id/check', { config: RECORD }, async (request, reply) => {
    const result = await services.imports.run(actorOf(request), idOf(request))
    if (result.ok) return reply.page('imports/views/done.njk', result)
    if (result.reason === 'not-found') throw notFound()
    const dryRun = await services.imports.dryRun(actorOf(request), idOf(request))
    if (!dryRun.ok) throw notFound()
    const message = result.reason === 'stale' ? 'These cases have already been imported' : 'No row can be imported: correct the problems in the spreadsheet and upload it again'
    return reply.page('imports/views/check.njk', { ...dryRunPage(dryRun), ...formErrors({ import: message }) }, 409)
  })
}
