// Where the views and assets live. They are resolved from the repository root, found by walking
// up to package.json, so the same code works from src/ (tsx) and from dist/src/ (the build).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  let dir = from
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('Cannot find the repository root (no package.json above the web code)')
    dir = parent
  }
  return dir
}

export const repositoryRoot = findRoot(dirname(fileURLToPath(import.meta.url)))

export const paths = {
  views: join(repositoryRoot, 'src/web/views'),
  features: join(repositoryRoot, 'src/web/features'),
  govukFrontend: join(repositoryRoot, 'node_modules/govuk-frontend/dist'),
  mojFrontend: join(repositoryRoot, 'node_modules/@ministryofjustice/frontend'),
  govukAssets: join(repositoryRoot, 'node_modules/govuk-frontend/dist/govuk/assets'),
  builtAssets: join(repositoryRoot, 'public/build'),
  scripts: join(repositoryRoot, 'src/web/assets/js'),
} as const
