// Charts drawn on the server by vega-lite as SVG, placed inline. Vega's own ARIA is removed and
// the whole chart becomes one image (role="img") named by its <title> and described by its
// <desc>; the data table beside it carries the numbers. Vega's SVG has no style attributes, so
// it needs nothing from the CSP (style-src 'self').

export interface ChartBar {
  readonly label: string
  readonly count: number
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

// Drawing a chart takes vega tens of milliseconds; the same figures always draw the same SVG, and
// most requests ask for figures already drawn, so recent charts are kept (oldest dropped first).
const drawn = new Map<string, Promise<string>>()
const CHARTS_KEPT = 500

/** A horizontal bar chart: horizontal bars keep long labels readable; each bar shows its count, so nothing is told by colour. */
export function barChart(id: string, title: string, axis: { count: string }, bars: readonly ChartBar[]): Promise<string> {
  const key = JSON.stringify([id, title, axis.count, bars.map((b) => [b.label, b.count])])
  const known = drawn.get(key)
  if (known) return known
  const chart = draw(id, title, axis, bars)
  drawn.set(key, chart)
  // A failed drawing is not kept, so the next request tries again.
  chart.catch(() => drawn.delete(key))
  if (drawn.size > CHARTS_KEPT) drawn.delete(drawn.keys().next().value as string)
  return chart
}

async function draw(id: string, title: string, axis: { count: string }, bars: readonly ChartBar[]): Promise<string> {
  // Loaded when first used, not at start: it is large, and most processes never need it (docs/performance.md).
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')])
  // vega-lite's warnings went to the console, outside the structured log, on every chart drawn.
  const quiet = vega.logger(vega.None)
  const spec = vl.compile({
    config: { aria: false, font: 'Arial, sans-serif', axis: { labelFontSize: 16, titleFontSize: 16, labelLimit: 320, labelColor: '#0b0c0c', titleColor: '#0b0c0c' }, view: { stroke: null } },
    // Every chart is the same overall width (the plot gives way to long labels), and scales
    // down to its column through the viewBox, so text is the same size in every chart.
    width: 560,
    autosize: { type: 'fit-x', contains: 'padding' },
    height: { step: 36 },
    data: { values: bars.map((b) => ({ label: b.label, count: b.count })) },
    encoding: {
      // The table beside the chart names the categories, so the y axis needs no title.
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } },
      x: { field: 'count', type: 'quantitative', title: axis.count, axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      { mark: { type: 'bar', color: '#1d70b8' } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 16, color: '#0b0c0c' }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
  }, { logger: quiet }).spec
  const svg = await new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG()
  const desc = `${title}: ${bars.map((b) => `${b.label}, ${b.count}`).join('; ') || 'nothing to show'}.`
  // One image for assistive technology: vega's inner roles and labels go, the title and desc stay.
  const plain = svg.replace(/ (role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '').replace(/^<svg([^>]*?) class="marks" width="[\d.]+" height="[\d.]+"/, '<svg$1 width="100%"')
  return plain
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(desc)}</desc>`)
}
