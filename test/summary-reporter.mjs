// node:test reporter whose last line is the plain "N passed, N failed" that CI reads.
// Failures are listed (name, file, error) before the summary so they are easy to find.
export default async function* summaryReporter(source) {
  let passed = 0
  let failed = 0
  let skipped = 0
  const failures = []
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { data } = event
    // Suites report too; count only the tests themselves.
    if (data.details?.type === 'suite') continue
    if (event.type === 'test:pass') {
      if (data.skip || data.todo) skipped++
      else passed++
    } else {
      failed++
      const error = data.details?.error
      const cause = error?.cause ?? error
      failures.push(`FAIL ${data.name} (${data.file ?? 'unknown file'})\n  ${String(cause?.stack ?? cause?.message ?? cause).split('\n').slice(0, 12).join('\n  ')}`)
    }
  }
  if (failures.length) yield `\n${failures.join('\n\n')}\n\n`
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`
}
