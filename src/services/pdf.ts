// PDFs made on the server with pdfkit: text only (extractable, readable by screen readers'
// PDF tools), headings and label-value lines, no images, no metadata beyond a title.

export interface PdfSection {
  readonly heading: string
  readonly lines: readonly { readonly label: string; readonly value: string }[]
}

export async function renderPdf(title: string, subtitle: readonly string[], sections: readonly PdfSection[]): Promise<Buffer> {
  // Loaded when first used, not at start: it is large, and most processes never need it (docs/performance.md).
  const { default: PDFDocument } = await import('pdfkit')
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title }, lang: 'en-GB' })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.font('Helvetica-Bold').fontSize(18).text(title)
    doc.font('Helvetica').fontSize(10)
    for (const line of subtitle) doc.text(line)
    for (const section of sections) {
      doc.moveDown().font('Helvetica-Bold').fontSize(13).text(section.heading)
      doc.fontSize(10)
      for (const line of section.lines) {
        doc.font('Helvetica-Bold').text(`${line.label}: `, { continued: true }).font('Helvetica').text(line.value)
      }
    }
    doc.end()
  })
}
