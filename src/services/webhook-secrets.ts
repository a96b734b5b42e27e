// Webhook signing secrets at rest. With WEBHOOK_SECRET_KEY set (32 random bytes, base64), each
// secret is sealed with AES-256-GCM before it is stored, so a copy of the database alone cannot
// forge deliveries. Without it secrets are stored as they are (development, or until the key is
// set: older plain secrets keep working, and the next rotation seals them).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const SEALED = 'aes256gcm:'

/** The key from its base64 text; null when the text is not 32 bytes of base64. */
export function parseSecretKey(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(text.trim())) return null
  const key = Buffer.from(text.trim(), 'base64')
  return key.length === 32 ? key : null
}

export function sealSecret(secret: string, key: Buffer | null): string {
  if (!key) return secret
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return `${SEALED}${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${sealed.toString('base64url')}`
}

/** The secret, or null when it is sealed and the key is missing or wrong (nothing is sent then). */
export function openSecret(stored: string, key: Buffer | null): string | null {
  if (!stored.startsWith(SEALED)) return stored
  if (!key) return null
  const [iv = '', tag = '', sealed = ''] = stored.slice(SEALED.length).split(':')
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
