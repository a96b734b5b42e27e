// Importing cases from a spreadsheet (issue 7, item 5). An upload is kept between its steps (the
// column mapping, the dry run, the import) for the user who made it; its rows are cleared once
// imported. Each imported case keeps the tracker's own reference, unique per authority, so the
// same tracker row can never be imported twice.
import type { Kysely, Migration } from 'kysely'

export function imports(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('case_import_uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('rows', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text')
        .execute()
      await db.schema
        .createTable('imported_cases')
        .addColumn('authority_id', 'text', (c) => c.notNull().references('authorities.id'))
        .addColumn('source_reference', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('upload_id', 'text', (c) => c.notNull().references('case_import_uploads.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('imported_cases_pk', ['authority_id', 'source_reference'])
        .execute()
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('imported_cases').execute()
      await db.schema.dropTable('case_import_uploads').execute()
    },
  }
}
