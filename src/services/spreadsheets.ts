// Reading an uploaded tracker: CSV (csv-parse) or XLSX (exceljs), first sheet, the first row as
// the header. Every cell becomes text; an XLSX formula keeps its leading "=" so the dry run
// refuses it. Other file types, and more than MAX_IMPORT_ROWS rows, are refused with a message.
import { parse } from 'csv-parse/sync'
import type { Cell } from 'exceljs'

export const MAX_IMPORT_ROWS = 2000
/** An XLSX file is a zip: one that would unpack to more than this is refused unread (ASVS 12.1.2). */
export const MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024

export type SpreadsheetTable = { ok: true; columns: string[]; rows: string[][] } | { ok: false; message: string }

const refuse = (message: string): SpreadsheetTable => ({ ok: false, message })
const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '')

function table(all: string[][]): SpreadsheetTable {
  const [header, ...rows] = all.filter((row) => !isBlank(row))
  if (!header) return refuse('The selected file is empty')
  if (rows.length === 0) return refuse('The selected file has a header row but no cases')
  if (rows.length > MAX_IMPORT_ROWS) return refuse(`The selected file has ${rows.length.toLocaleString('en-GB')} rows: import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time`)
  const columns = header.map((name, i) => name.trim() || `Column ${i + 1}`)
  return { ok: true, columns, rows: rows.map((row) => columns.map((_, i) => row[i] ?? '')) }
}

function readCsv(data: Buffer): SpreadsheetTable {
  const text = data.toString('utf8')
  if (text.includes('\u0000') || text.includes('\uFFFD')) return refuse('The selected file must be a CSV file saved as UTF-8 text')
  try {
    return table(parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][])
  } catch (error) {
    return refuse(`The selected file is not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** An XLSX cell as text: dates as YYYY-MM-DD, formulas as "=...", rich text as its plain text. */
function cellText(cell: Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return `=${String((value as { formula?: string }).formula ?? '')}`
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}

/**
 * The total unpacked size a zip declares in its central directory, or undefined when it cannot
 * be read (or uses ZIP64, which no 2 MB spreadsheet needs).
 */
export function zipUnpackedSize(data: Buffer): number | undefined {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0 || end + 22 > data.length) return undefined
  const entries = data.readUInt16LE(end + 10)
  let at = data.readUInt32LE(end + 16)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return undefined
    const size = data.readUInt32LE(at + 24)
    if (size === 0xffffffff) return undefined
    total += size
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32)
  }
  return total
}

async function readXlsx(data: Buffer): Promise<SpreadsheetTable> {
  const unpacked = zipUnpackedSize(data)
  if (unpacked === undefined) return refuse('The selected file is not a readable XLSX file')
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) return refuse('The selected file is too large once unpacked: import fewer rows at a time')
  // Loaded when first used, not at start: it is large, and most processes never need it (docs/performance.md).
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    return refuse('The selected file is not a readable XLSX file')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return refuse('The selected file is empty')
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1 + 100) return refuse(`The selected file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time`)
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)))
    rows.push(cells)
  })
  return table(rows)
}

/** Reads a .csv or .xlsx upload; anything else is refused. */
export async function readSpreadsheet(filename: string, data: Buffer): Promise<SpreadsheetTable> {
  const extension = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase()
  if (extension === 'csv') return readCsv(data)
  // An XLSX file is a zip archive: it starts with "PK".
  if (extension === 'xlsx') return data.subarray(0, 2).toString('latin1') === 'PK' ? readXlsx(data) : refuse('The selected file is not a readable XLSX file')
  return refuse('The selected file must be a CSV or XLSX file')
}
