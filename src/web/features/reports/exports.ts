// The report as CSV (csv-stringify) and XLSX (exceljs): the figures, then each breakdown, one row
// each. Every cell goes through neutraliseFormula, so a value such as a partner's name beginning
// "=" is shown as text and never run by a spreadsheet (OWASP "CSV Injection").
import { stringify } from 'csv-stringify/sync'
import { neutraliseFormula } from '../../../domain/after-decision/index.js'
import type { Figures, Period } from '../../../domain/reports/index.js'
import { breakdowns, figureRows } from './presenter.js'

const HEADER = ['Section', 'Measure', 'Value', 'Definition']

function reportRows(f: Figures): string[][] {
  return [
    ...figureRows(f).map((r) => ['Figures', r.figure, r.value, r.definition]),
    ...breakdowns(f).flatMap((b) => b.bars.map((bar) => [b.title, bar.label, String(bar.count), ''])),
  ].map((row) => row.map(neutraliseFormula))
}

export function filenameFor(period: Period, format: 'csv' | 'xlsx'): string {
  return `report-${period.from}-to-${period.to}.${format}`
}

export function reportCsv(f: Figures, period: Period): string {
  return stringify([[neutraliseFormula(period.label)], HEADER, ...reportRows(f)], { record_delimiter: 'windows' })
}

export async function reportXlsx(f: Figures, period: Period): Promise<Buffer> {
  // Loaded when first used, not at start: it is large, and most processes never need it (docs/performance.md).
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Report')
  sheet.addRow([neutraliseFormula(period.label)]).font = { bold: true }
  sheet.addRow(HEADER).font = { bold: true }
  // Strings only: exceljs writes a string as text, never as a formula.
  for (const row of reportRows(f)) sheet.addRow(row)
  sheet.columns.forEach((column, i) => {
    column.width = [36, 48, 16, 80][i] ?? 20
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}
