// Spreadsheet imports: the upload kept between steps, and the tracker references already imported.
import type { Kysely } from 'kysely'
import type { Schema } from '../schema.js'

export interface StoredUpload {
  readonly id: string
  readonly authorityId: string
  readonly uploadedBy: string
  readonly filename: string
  readonly columns: string[]
  readonly rows: string[][]
  readonly mapping: Record<string, number> | null
  readonly importedAt: string | null
}

export function importsRepository(db: Kysely<Schema>) {
  return {
    async insertUpload(upload: { id: string; authorityId: string; uploadedBy: string; filename: string; columns: string[]; rows: string[][]; now: string }): Promise<void> {
      await db
        .insertInto('case_import_uploads')
        .values({ id: upload.id, authority_id: upload.authorityId, uploaded_by: upload.uploadedBy, filename: upload.filename, columns: JSON.stringify(upload.columns), rows: JSON.stringify(upload.rows), mapping: null, created_at: upload.now, imported_at: null })
        .execute()
    },

    /** Uploads never imported and older than `before` go: they hold a tracker's rows for no purpose. */
    async deleteAbandoned(before: string): Promise<void> {
      await db.deleteFrom('case_import_uploads').where('imported_at', 'is', null).where('created_at', '<', before).execute()
    },

    async findUpload(id: string): Promise<StoredUpload | undefined> {
      const row = await db.selectFrom('case_import_uploads').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) return undefined
      return {
        id: row.id, authorityId: row.authority_id, uploadedBy: row.uploaded_by, filename: row.filename,
        columns: JSON.parse(row.columns) as string[], rows: JSON.parse(row.rows) as string[][],
        mapping: row.mapping ? (JSON.parse(row.mapping) as Record<string, number>) : null, importedAt: row.imported_at,
      }
    },

    async saveMapping(id: string, mapping: Record<string, number>): Promise<void> {
      await db.updateTable('case_import_uploads').set({ mapping: JSON.stringify(mapping) }).where('id', '=', id).execute()
    },

    /** Marks the upload imported and clears its rows (the cases now hold what was needed). */
    async markImported(id: string, now: string): Promise<boolean> {
      const result = await db.updateTable('case_import_uploads').set({ imported_at: now, rows: '[]' }).where('id', '=', id).where('imported_at', 'is', null).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    /** Which of these tracker references this authority has imported before. */
    async importedReferences(authorityId: string, references: readonly string[]): Promise<Set<string>> {
      if (references.length === 0) return new Set()
      const rows = await db.selectFrom('imported_cases').select('source_reference').where('authority_id', '=', authorityId).where('source_reference', 'in', [...references]).execute()
      return new Set(rows.map((r) => r.source_reference))
    },

    async recordImportedCase(row: { authorityId: string; sourceReference: string; incidentId: string; uploadId: string; now: string }): Promise<void> {
      await db.insertInto('imported_cases').values({ authority_id: row.authorityId, source_reference: row.sourceReference, incident_id: row.incidentId, upload_id: row.uploadId, created_at: row.now }).execute()
    },
  }
}
