// Bank holidays for admins (issue 7, item 4): upload GOV.UK's bank-holidays.json, see what it
// adds or changes, then apply it with the same merge as `sin holidays import`. The file travels
// from the preview to the apply step in a hidden field and is checked again there.
import type { FastifyInstance } from 'fastify'
import { actorOf, currentAuthorityId } from '../../actor.js'
import { formErrors, text } from '../../forms.js'
import { requires } from '../../plugins/access.js'
import { notFound } from '../../plugins/errors.js'
import { acceptUploads, uploadBody } from '../../plugins/uploads.js'
import type { FeatureOptions } from '../index.js'

const FORM = 'bank-holidays/views/upload.njk'
const PREVIEW = 'bank-holidays/views/preview.njk'

/** The uploaded file's text, or the message for the error summary. */
function uploadedJson(body: ReturnType<typeof uploadBody>): { text: string } | { error: string } {
  if (body.fileProblem === 'too-large') return { error: 'The selected file must be smaller than 2 MB' }
  if (!body.file) return { error: 'Select a bank-holidays.json file' }
  if (!/\.json$/i.test(body.file.filename)) return { error: 'The selected file must be a JSON file, like bank-holidays.json from GOV.UK' }
  return { text: body.file.data.toString('utf8') }
}

export default async function bankHolidayRoutes(app: FastifyInstance, options: FeatureOptions): Promise<void> {
  const { services } = options
  await acceptUploads(app)
  // The page itself says when the calendar runs out, so the banner that links here is left out.
  const coverage = () => {
    const calendar = services.calendar
    return { firstYear: calendar.firstYear, lastYear: calendar.lastYear, retrieved: calendar.provenance.retrieved, provisional: calendar.provenance.provisionalYears, ...services.bankHolidays.coverage() }
  }

  app.get('/settings/bank-holidays', { config: requires('settings:manage') }, async (request, reply) => {
    const applied = (request.query as Record<string, unknown>)['applied']
    return reply.page(FORM, { holidaysRunOut: null, coverage: coverage(), applied: applied === '1' })
  })

  app.post('/settings/bank-holidays', { config: { ...requires('settings:manage'), upload: true } }, async (request, reply) => {
    const upload = uploadedJson(uploadBody(request))
    const invalid = (message: string) => reply.page(FORM, { holidaysRunOut: null, coverage: coverage(), ...formErrors({ file: message }) }, 400)
    if ('error' in upload) return invalid(upload.error)
    const result = services.bankHolidays.preview(actorOf(request), currentAuthorityId(request), upload.text)
    if (!result.ok) {
      if (result.reason === 'invalid') return invalid(result.errors.file)
      throw notFound()
    }
    return reply.page(PREVIEW, { holidaysRunOut: null, ...result, holidays: upload.text })
  })

  app.post('/settings/bank-holidays/apply', { config: requires('settings:manage'), bodyLimit: 2 * 1024 * 1024 }, async (request, reply) => {
    const result = await services.bankHolidays.apply(actorOf(request), currentAuthorityId(request), text(request.body, 'holidays'))
    if (result.ok) return reply.redirect('/settings/bank-holidays?applied=1', 303)
    if (result.reason === 'invalid') return reply.page(FORM, { holidaysRunOut: null, coverage: coverage(), ...formErrors({ file: result.errors.file }) }, 400)
    throw notFound()
  })
}
