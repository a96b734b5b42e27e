// CSV for exports (RFC 4180 quoting), with spreadsheet formula injection neutralised: a cell
// starting with = + - @ tab or carriage return is prefixed with a single quote, as OWASP's
// "CSV Injection" guidance advises, so a spreadsheet shows it as text and never runs it.
const FORMULA_START = /^[=+\-@\t\r]/

/** The neutralising alone, for writers that quote for themselves (csv-stringify, exceljs). */
export function neutraliseFormula(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value)
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function csvCell(value: string | number | null | undefined): string {
  const safe = neutraliseFormula(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
