// GOV.UK pagination for a list split into pages: the first and last pages, two either side of the
// current one, and an ellipsis for each gap. Null when everything fits on one page.
export function pagination(page: number, pages: number, href: (page: number) => string) {
  if (pages <= 1) return null
  const shown = Array.from({ length: pages }, (_, i) => i + 1).filter((n) => n === 1 || n === pages || Math.abs(n - page) <= 2)
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = []
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] ?? n) > 1) items.push({ ellipsis: true })
    items.push({ number: n, href: href(n), current: n === page })
  })
  return {
    previous: page > 1 ? { href: href(page - 1) } : null,
    next: page < pages ? { href: href(page + 1) } : null,
    items,
  }
}
