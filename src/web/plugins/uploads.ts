// File uploads for the few pages that take one (bank holidays, spreadsheet imports). Register
// this inside those pages' own plugin: multipart parsing then exists only there, and every other
// route still refuses multipart bodies (415). Small limits: one file of at most 2 MB.
//
// CSRF: the app-wide check (plugins/csrf.ts) runs at preValidation, before a multipart body is
// read, so it passes over routes marked `config: { upload: true }`; this plugin reads the parts
// and then runs the same check on the `_csrf` field (ASVS 3.5.1, 12.1.1).
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'

export const UPLOAD_LIMITS = { fileSize: 2 * 1024 * 1024, files: 1, fields: 20, parts: 21 } as const

export interface UploadedFile {
  readonly filename: string
  readonly data: Buffer
}

/** What an upload route finds in request.body: the text fields, and the file or why there is none. */
export interface UploadBody {
  readonly fields: Record<string, string>
  readonly file?: UploadedFile
  readonly fileProblem?: 'too-large'
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a multipart upload; its CSRF check runs once the body is read. */
    upload?: boolean
  }
}

const tooLarge = (error: unknown) => (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'

async function readParts(request: FastifyRequest): Promise<UploadBody> {
  const fields: Record<string, string> = {}
  let file: UploadedFile | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value
      } else {
        const data = await part.toBuffer()
        if (part.filename !== '' || data.length > 0) file = { filename: part.filename, data }
      }
    }
  } catch (error) {
    // A file over the limit is the user's mistake, answered on the page; fields read so far stand.
    if (tooLarge(error)) return { fields, fileProblem: 'too-large' }
    throw error
  }
  return { fields, ...(file ? { file } : {}) }
}

export async function acceptUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: UPLOAD_LIMITS, throwFileSizeLimit: true })
  app.addHook('preValidation', (request, reply, done) => {
    if (!request.routeOptions.config.upload) return done()
    const read = request.isMultipart() ? readParts(request) : Promise.resolve<UploadBody>({ fields: (request.body ?? {}) as Record<string, string> })
    read.then(
      (body) => {
        // The token is read from body._csrf by @fastify/csrf-protection.
        request.body = { ...body, _csrf: body.fields['_csrf'] }
        app.csrfProtection(request, reply, done)
      },
      (error: unknown) => done(error as Error),
    )
  })
}

/** The upload route's body, as the preValidation hook above left it. */
export function uploadBody(request: FastifyRequest): UploadBody {
  return request.body as UploadBody
}
