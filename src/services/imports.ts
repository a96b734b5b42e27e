// Importing cases from a spreadsheet tracker (issue 7, item 5), in steps: upload (kept for the
// user who made it), choose the columns, a dry run listing every row's problems, then the import
// of the rows without problems in one transaction. Each case is created as a draft by the same
// code as recording one (createIncident, the child repository, the journey's validation), so its
// clocks count the same way; the audit trail gets one entry per case and one for the import.
// Who may import: whoever may record incidents ('incident:record': practitioners, decision owners).
import { randomUUID } from 'node:crypto'
import { importsRepository, type StoredUpload } from '../data/repositories/imports.js'
import { incidentsRepository } from '../data/repositories/incidents.js'
import { IMPORT_FIELDS, guessMapping } from '../domain/imports/index.js'
import { inTransaction, refuse, type Actor, type Refusal, type UnitOfWork } from './context.js'
import { checkRows, type ImportCase, type ImportMapping, type RowProblem } from './import-rows.js'
import { createIncident } from './incidents.js'
import { londonDay, type IncidentDeps } from './incident-access.js'

type UserActor = Actor & { kind: 'user' }

/** An upload not imported within a day is deleted (at the next upload): it holds children's details. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000
type NotFound = Refusal<'not-found'>

export interface DryRun {
  readonly upload: StoredUpload
  readonly mapping: ImportMapping
  readonly problems: readonly RowProblem[]
  readonly cases: readonly ImportCase[]
}

export interface ImportedCase {
  readonly sourceReference: string
  readonly reference: string
  readonly incidentId: string
}

/** The upload, only for the user who made it, in the authority it was made in, while they may still record. */
async function ownUpload(work: UnitOfWork, actor: UserActor, id: string): Promise<StoredUpload | NotFound> {
  const upload = /^[0-9a-f-]{36}$/.test(id) ? await importsRepository(work.trx).findUpload(id) : undefined
  if (!upload || upload.uploadedBy !== actor.userId || !actor.permissions.canIn(upload.authorityId, 'incident:record')) return refuse('not-found')
  return upload
}

async function dryRunOf(work: UnitOfWork, upload: StoredUpload): Promise<DryRun> {
  const mapping = upload.mapping ?? guessMapping(upload.columns)
  const at = mapping.reference
  const references = at === undefined ? [] : [...new Set(upload.rows.map((row) => (row[at] ?? '').trim()).filter(Boolean))]
  const importedBefore = await importsRepository(work.trx).importedReferences(upload.authorityId, references)
  return { upload, mapping, ...checkRows(upload.columns, upload.rows, mapping, londonDay(work.now), importedBefore) }
}

export function importService(deps: IncidentDeps) {
  return {
    /** Keeps a read spreadsheet for the next steps. */
    upload(actor: UserActor, authorityId: string, filename: string, table: { columns: string[]; rows: string[][] }): Promise<{ ok: true; id: string } | Refusal<'forbidden'>> {
      return inTransaction(deps, async (work) => {
        if (!(await work.permit(actor, 'incident:record', { authorityId, recordType: 'case-import' }))) return refuse('forbidden')
        const id = randomUUID()
        await importsRepository(work.trx).deleteAbandoned(new Date(work.now.getTime() - ABANDONED_AFTER_MS).toISOString())
        await importsRepository(work.trx).insertUpload({ id, authorityId, uploadedBy: actor.userId, filename: filename.slice(0, 200), ...table, now: work.now.toISOString() })
        await work.audit(actor, { action: 'cases-import.uploaded', outcome: `done: ${table.rows.length} rows`, authorityId, recordType: 'case-import', recordId: id })
        return { ok: true, id }
      })
    },

    /** The upload with its chosen (or guessed) columns. */
    get(actor: UserActor, id: string): Promise<{ ok: true; upload: StoredUpload; mapping: ImportMapping } | NotFound> {
      return inTransaction(deps, async (work) => {
        const upload = await ownUpload(work, actor, id)
        return 'ok' in upload ? upload : { ok: true, upload, mapping: upload.mapping ?? guessMapping(upload.columns) }
      })
    },

    /** Saves which column holds each field: required fields need one, and no column serves two. */
    chooseColumns(actor: UserActor, id: string, mapping: ImportMapping): Promise<{ ok: true } | NotFound | { ok: false; reason: 'invalid'; errors: Record<string, string> }> {
      return inTransaction(deps, async (work) => {
        const upload = await ownUpload(work, actor, id)
        if ('ok' in upload) return upload
        const errors: Record<string, string> = {}
        const seen = new Map<number, string>()
        for (const field of IMPORT_FIELDS) {
          const column = mapping[field.key]
          if (column === undefined) {
            if (field.required) errors[field.key] = `Select the column that holds the ${field.label.toLowerCase()}`
          } else if (!Number.isInteger(column) || column < 0 || column >= upload.columns.length) errors[field.key] = `Select a column from the spreadsheet for the ${field.label.toLowerCase()}`
          else if (seen.has(column)) errors[field.key] = `The column ${upload.columns[column] ?? ''} is already chosen for the ${seen.get(column) ?? ''}`
          else seen.set(column, field.label.toLowerCase())
        }
        if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors }
        await importsRepository(work.trx).saveMapping(upload.id, mapping)
        return { ok: true }
      })
    },

    /** Every row's problems and the cases that would be imported; stores nothing. */
    dryRun(actor: UserActor, id: string): Promise<({ ok: true } & DryRun) | NotFound> {
      return inTransaction(deps, async (work) => {
        const upload = await ownUpload(work, actor, id)
        return 'ok' in upload ? upload : { ok: true, ...(await dryRunOf(work, upload)) }
      })
    },

    /** Imports the rows without problems, all or none; an upload imports once ('stale' after). */
    run(actor: UserActor, id: string): Promise<{ ok: true; created: ImportedCase[]; skipped: number } | NotFound | Refusal<'stale' | 'nothing-to-import'>> {
      return inTransaction(deps, async (work) => {
        const upload = await ownUpload(work, actor, id)
        if ('ok' in upload) return upload
        if (upload.importedAt) return refuse('stale')
        const { cases, problems } = await dryRunOf(work, upload)
        if (cases.length === 0) return refuse('nothing-to-import')
        const repo = importsRepository(work.trx)
        const created: ImportedCase[] = []
        for (const c of cases) {
          const made = await createIncident(work, actor, { authorityId: upload.authorityId, status: 'draft', awareness: c.awareness, incident: c.incident, raisedByPartnerId: null })
          if (!made.ok) return made
          await incidentsRepository(work.trx).insertChild(made.id, c.child, work.now.toISOString())
          await repo.recordImportedCase({ authorityId: upload.authorityId, sourceReference: c.reference, incidentId: made.id, uploadId: upload.id, now: work.now.toISOString() })
          created.push({ sourceReference: c.reference, reference: made.reference, incidentId: made.id })
        }
        if (!(await repo.markImported(upload.id, work.now.toISOString()))) return refuse('stale')
        const skipped = new Set(problems.map((p) => p.row)).size
        await work.audit(actor, { action: 'cases.imported', outcome: `done: ${created.length} cases, ${skipped} rows with problems left out`, authorityId: upload.authorityId, recordType: 'case-import', recordId: upload.id })
        return { ok: true, created, skipped }
      })
    },
  }
}
