// Runs `sin` in-process (fast, for the many bad-input cases) or as the real ./bin/sin (slow, for
// the contract), capturing standard output, standard error and the exit status.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { main } from './main.js'

export interface SinResult {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

export async function sinInProcess(argv: readonly string[], stdin = ''): Promise<SinResult> {
  let stdout = ''
  let stderr = ''
  const status = await main(argv, {
    stdout: (t) => { stdout += t },
    stderr: (t) => { stderr += t },
    readStdin: async () => stdin,
    env: {},
  })
  return { status, stdout, stderr }
}

/** `env` adds to this process's environment (for example DATABASE_URL). */
export function sinBinary(argv: readonly string[], stdin = '', env: Readonly<Record<string, string>> = {}): Promise<SinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${repoRoot}bin/sin`, [...argv], { cwd: repoRoot, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.on('error', reject)
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }))
    child.stdin.end(stdin)
  })
}
