// Password rules and storage (ASVS 5.0 section 6.2, 11.4.2).
// - At least 15 characters: sign-in is single-factor for now, and ASVS 6.2.1 strongly
//   recommends 15 (NIST SP 800-63B-4 requires it without a second factor).
// - Up to 128 characters (ASVS 6.2.9 asks that at least 64 be allowed); checked exactly as
//   typed, no truncation or case folding (6.2.8); no composition rules (6.2.5).
// - Not on the deny list of 49,000 common and breached passwords (6.2.4, 6.2.12), ignoring case
//   and the digits or symbols people add to the ends, and not the user's own email or name.
// - Stored as argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes, 1 lane: OWASP's
//   recommended minimum), each with its own random salt.
import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

export const PASSWORD_MIN_LENGTH = 15
export const PASSWORD_MAX_LENGTH = 128
const SERVICE_NAME = 'serious incident notifications'

const denyList: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))

export type PasswordCheck = { readonly ok: true } | { readonly ok: false; readonly message: string }

/** The GOV.UK Design System's error message style: say what is wrong and how to put it right. */
export const PASSWORD_MESSAGES = {
  missing: 'Enter a password',
  tooShort: `Password must be ${PASSWORD_MIN_LENGTH} characters or more`,
  tooLong: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  common: 'Enter a password that is harder to guess. It is one of the most common passwords',
  personal: 'Password must not include your name, your email address or the name of the service',
} as const

function simplified(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** "password", "Password2024!!", "passwordpassword" and "aaaaaaaaaaaaaaaa" are all easy to guess. */
function isEasyToGuess(password: string): boolean {
  const lower = password.toLowerCase()
  const trimmed = lower.replace(/^\P{L}+|\P{L}+$/gu, '')
  if (denyList.has(lower) || denyList.has(trimmed)) return true
  const repeated = /^(.{1,8}?)\1+$/u.exec(lower)
  if (repeated?.[1] !== undefined && (repeated[1].length <= 2 || denyList.has(repeated[1]))) return true
  return false
}

function includesPersonalWords(password: string, about: { email?: string; name?: string }): boolean {
  const candidate = simplified(password)
  const words = [SERVICE_NAME, about.email ?? '', about.email?.split('@')[0] ?? '', about.name ?? '']
    .map(simplified)
    .filter((w) => w.length >= 4)
  return words.some((w) => candidate.includes(w))
}

/** Checks a new password. `about` is the account it is for, so it can refuse their own details. */
export function checkPassword(password: string, about: { email?: string; name?: string } = {}): PasswordCheck {
  if (password.length === 0) return { ok: false, message: PASSWORD_MESSAGES.missing }
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, message: PASSWORD_MESSAGES.tooShort }
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, message: PASSWORD_MESSAGES.tooLong }
  if (isEasyToGuess(password)) return { ok: false, message: PASSWORD_MESSAGES.common }
  if (includesPersonalWords(password, about)) return { ok: false, message: PASSWORD_MESSAGES.personal }
  return { ok: true }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    // A malformed stored hash fails closed.
    return false
  }
}

let dummyHash: Promise<string> | undefined

/**
 * Verifies against a throwaway hash, so that signing in as an account that does not exist
 * takes as long as a wrong password for one that does (no account enumeration by timing).
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash('not a real account: timing only')
  await passwordMatches(await dummyHash, password)
}
