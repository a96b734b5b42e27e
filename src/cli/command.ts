// What every `sin` command looks like, and the one error that means "bad input: exit 2".
import { parseArgs, type ParseArgsConfig } from 'node:util'

export interface CliIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Reads all of standard input (used by `assess` and `user add`). */
  readonly readStdin: () => Promise<string>
  readonly env: NodeJS.ProcessEnv
}

export interface CliCommand {
  readonly name: string
  /** One line for `sin --help`. */
  readonly summary: string
  /** The full text for `sin COMMAND --help`. */
  readonly help: string
  /** Returns the exit status: 0 done, 1 a check failed, 2 bad input (or throw UsageError). */
  run(argv: readonly string[], io: CliIO): Promise<number>
}

/** Bad input on the command line: the message goes to standard error and the exit status is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** node:util parseArgs in strict mode, with its errors turned into UsageError messages. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals, strict: true })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error))
  }
}

/** A required string option, or a UsageError naming it. */
export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}
