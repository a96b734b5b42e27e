// "24 November 2026 at 1:05pm" in Europe/London, as the views' dateTime filter writes it, for
// text built in a presenter.
export function dateTimeText(iso: string): string {
  const date = new Date(iso)
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date)
  const time = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).format(date).replace(' ', '').replace(':00', '')
  return `${day} at ${time}`
}
