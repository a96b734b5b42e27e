// Compiles the stylesheet from govuk-frontend and MoJ Frontend Sass with our settings, so that the
// font stack is set in Sass (not by hand-edited CSS). Runs on `npm ci` (prepare) and at start.
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'public', 'build')
const cssFile = join(outDir, 'application.css')
const manifestFile = join(outDir, 'manifest.json')

if (process.argv.includes('--if-missing') && existsSync(cssFile) && existsSync(manifestFile)) process.exit(0)

const result = sass.compile(join(root, 'src/web/assets/scss/application.scss'), {
  loadPaths: [root],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
  // Deprecation notices that the Design System's own packages raise are theirs to fix, not ours.
  logger: {
    warn(message, { span, stack }) {
      const where = span?.url?.pathname ?? stack?.split('\n')[0] ?? ''
      if (!where.includes('node_modules/')) console.warn(message)
    },
  },
})
mkdirSync(outDir, { recursive: true })
writeFileSync(cssFile, result.css)

// Cache-busting names: the server serves /assets/build/<name>?v=<hash> with a year-long max-age.
const files = { 'application.css': result.css }
for (const [name, from] of [
  ['govuk-frontend.min.js', 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'],
  ['moj-frontend.min.js', 'node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js'],
]) {
  const content = readFileSync(join(root, from))
  writeFileSync(join(outDir, name), content)
  files[name] = content
}
const manifest = Object.fromEntries(
  Object.entries(files).map(([name, content]) => [name, createHash('sha256').update(content).digest('hex').slice(0, 12)]),
)
writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n')
console.log(`Built ${Object.keys(files).length} assets into public/build`)
