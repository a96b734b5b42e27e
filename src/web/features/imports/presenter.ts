// What the import pages show: the column choices with the guesses, and the dry run's table.
import type { StoredUpload } from '../../../data/repositories/imports.js'
import { IMPORT_FIELDS, type ImportFieldKey } from '../../../domain/imports/index.js'
import type { ImportMapping } from '../../../services/import-rows.js'
import type { DryRun } from '../../../services/imports.js'

const NOT_IN_FILE = ''

/** Each field's select: "not in the spreadsheet" (required fields say so) and each column with its first value. */
export function columnsPage(upload: StoredUpload, mapping: ImportMapping) {
  const example = (i: number) => upload.rows.find((row) => (row[i] ?? '').trim() !== '')?.[i]?.trim().slice(0, 30)
  return {
    id: upload.id,
    filename: upload.filename,
    rowCount: upload.rows.length,
    fields: IMPORT_FIELDS.map((field) => ({
      ...field,
      items: [
        { value: NOT_IN_FILE, text: field.required ? 'Select a column' : 'Not in the spreadsheet', selected: mapping[field.key] === undefined },
        ...upload.columns.map((name, i) => ({ value: String(i), text: example(i) ? `${name} (for example: ${example(i) ?? ''})` : name, selected: mapping[field.key] === i })),
      ],
    })),
  }
}

/** The form's choices: a column index per field, or nothing. */
export function mappingFromForm(body: unknown): ImportMapping {
  const form = (body ?? {}) as Record<string, unknown>
  const mapping: Partial<Record<ImportFieldKey, number>> = {}
  for (const field of IMPORT_FIELDS) {
    const value = form[field.key]
    if (typeof value === 'string' && /^\d{1,4}$/.test(value)) mapping[field.key] = Number(value)
  }
  return mapping
}

export function dryRunPage(dryRun: DryRun) {
  const rowsWithProblems = new Set(dryRun.problems.map((p) => p.row)).size
  return {
    id: dryRun.upload.id,
    filename: dryRun.upload.filename,
    imported: dryRun.upload.importedAt !== null,
    rowCount: dryRun.upload.rows.length,
    importCount: dryRun.cases.length,
    rowsWithProblems,
    problemRows: dryRun.problems.map((p) => [{ text: String(p.row) }, { text: p.column }, { text: p.message }]),
    chosen: IMPORT_FIELDS.filter((f) => dryRun.mapping[f.key] !== undefined).map((f) => ({ key: { text: f.label }, value: { text: dryRun.upload.columns[dryRun.mapping[f.key] as number] ?? '' } })),
  }
}
