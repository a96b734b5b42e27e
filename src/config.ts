// The service's configuration: read from the environment once, at start, and validated as a
// whole so that a bad deployment fails with every problem listed at once rather than one by one.
// Production refuses to start without its secrets (ASVS 13.2.3) and never loads demo accounts.
import { z } from 'zod'
import { parseReminderPoints } from './domain/reminders/index.js'
import { parseSecretKey } from './services/webhook-secrets.js'

/** Used only outside production, so a newcomer can start the service with no setup. */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-not-for-production-use'

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const databaseUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/./.test(value) || /^sqlite:.+/.test(value), {
    message: 'must be postgres://… or sqlite:PATH (for example sqlite:data/sin.db)',
  })

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: databaseUrl.default('sqlite:data/sin.db'),
  SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  COOKIE_SECURE: booleanText.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be fatal, error, warn, info, debug, trace or silent' }).default('info'),
  LOAD_DEMO: booleanText.optional(),
  BASE_URL: z.url({ message: 'must be a full URL such as https://sin.example.gov.uk' }).optional(),
  TRUST_PROXY: booleanText.default(false),
  // Email alerts and reminders (docs/reminders.md).
  EMAIL_TRANSPORT: z.enum(['outbox', 'smtp', 'notify'], { message: 'must be outbox, smtp or notify' }).optional(),
  EMAIL_FROM: z.email({ message: 'must be an email address' }).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\/./, { message: 'must be smtp://… or smtps://…' }).optional(),
  NOTIFY_API_KEY: z.string().min(74, { message: 'must be a GOV.UK Notify API key' }).optional(),
  NOTIFY_TEMPLATE_ID: z.uuid({ message: 'must be the id of a GOV.UK Notify template' }).optional(),
  NOTIFY_BASE_URL: z.url({ message: 'must be a full URL' }).optional(),
  REMINDER_POINTS: z.string().regex(/^\s*-?\d+(\s*,\s*-?\d+)*\s*$/, { message: 'must be whole numbers separated by commas, such as 2,0,-1' }).default('2,0,-1'),
  DAILY_DIGEST: booleanText.default(false),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(86_400).default(60),
  // Seals webhook signing secrets at rest (docs/webhooks.md).
  WEBHOOK_SECRET_KEY: z.string().refine((text) => parseSecretKey(text) !== null, { message: 'must be 32 random bytes in base64 (openssl rand -base64 32)' }).optional(),
  // Single sign-on (docs/single-sign-on.md): a JSON list of OpenID providers.
  SIN_OIDC_PROVIDERS: z.string().optional(),
  // Multi-factor sign-in for every local account, not only the roles that always need it (docs/sign-in.md).
  MFA_REQUIRED_FOR_ALL: booleanText.default(false),
  API_REQUESTS_PER_MINUTE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1_000_000).default(300),
  // The network to a remote PostgreSQL is encrypted some other way (a private link, a tunnel):
  // production then starts without sslmode=verify-full (docs/deployment.md).
  DATABASE_NETWORK_ENCRYPTED: booleanText.default(false),
})

/** One OpenID provider users may sign in with (SIN_OIDC_PROVIDERS). */
export interface OidcProviderSettings {
  /** In the address: /sign-in/sso/ID. */
  readonly id: string
  /** On the button: "Sign in with NAME". */
  readonly name: string
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  readonly scopes: string
  /** The ID token's `acr` must be one of these (and they are asked for as acr_values). */
  readonly requiredAcr?: readonly string[]
  /** The ID token's `amr` must hold at least one of these, for example ["mfa"]. */
  readonly requiredAmr?: readonly string[]
}

/** acr and amr values: printable, no spaces (acr_values is space-separated). */
const claimValues = z.array(z.string().regex(/^[\x21-\x7e]{1,100}$/, { message: 'must be printable, without spaces' })).min(1, { message: 'must list at least one value' }).max(20)

const oidcProviders = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'must be lower-case letters, digits and hyphens' }),
    name: z.string().trim().min(1).max(80),
    issuer: z.url({ message: 'must be the issuer URL' }),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.string().regex(/^[\x21-\x7e ]+$/).default('openid email profile'),
    requiredAcr: claimValues.optional(),
    requiredAmr: claimValues.optional(),
  }),
)

/** Reads SIN_OIDC_PROVIDERS; problems are added to `problems`. */
function parseOidcProviders(text: string | undefined, production: boolean, problems: string[]): OidcProviderSettings[] {
  if (text === undefined) return []
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    problems.push('SIN_OIDC_PROVIDERS must be JSON: a list of { "id", "name", "issuer", "clientId", "clientSecret", "scopes" }')
    return []
  }
  const parsed = oidcProviders.safeParse(json)
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `SIN_OIDC_PROVIDERS ${issue.path.join('.')} ${issue.message}`))
    return []
  }
  if (new Set(parsed.data.map((p) => p.id)).size !== parsed.data.length) problems.push('SIN_OIDC_PROVIDERS ids must be different')
  if (production && parsed.data.some((p) => !p.issuer.startsWith('https://'))) problems.push('SIN_OIDC_PROVIDERS issuers must be https:// in production')
  return parsed.data
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i

/**
 * In production a PostgreSQL server on another machine must be reached over TLS that checks its
 * certificate (ASVS 12.3.1): sslmode=verify-full or verify-ca. Loopback and Unix sockets never
 * leave the machine. Answers the problem, or null.
 */
export function databaseTlsProblem(databaseUrl: string): string | null {
  if (!/^postgres(ql)?:/.test(databaseUrl)) return null
  let url: URL
  try {
    url = new URL(databaseUrl)
  } catch {
    return 'DATABASE_URL is not a valid postgres:// address'
  }
  // ?host=/path names a Unix socket directory; an empty host is libpq's local default.
  const host = url.searchParams.get('host') ?? url.hostname
  if (host === '' || host.startsWith('/') || LOOPBACK.test(host)) return null
  const mode = url.searchParams.get('sslmode')
  if (mode === 'verify-full' || mode === 'verify-ca') return null
  return `DATABASE_URL must end with ?sslmode=verify-full (or verify-ca) in production, so the database's certificate is checked (it has ${mode === null ? 'no sslmode' : `sslmode=${mode}`}); set DATABASE_NETWORK_ENCRYPTED=true only if the network to ${host} is encrypted another way`
}

/** How alerts and reminders are sent (docs/reminders.md). */
export interface EmailConfig {
  /** outbox records what would have been sent and never sends; smtp and notify send. */
  readonly transport: 'outbox' | 'smtp' | 'notify'
  readonly from: string
  readonly smtpUrl: string | null
  readonly notifyApiKey: string | null
  readonly notifyTemplateId: string | null
  /** GOV.UK Notify's own address unless set (tests point it at a stand-in). */
  readonly notifyBaseUrl: string | null
  /** Working days before the due day: 2 is two before, 0 the due day, -1 one after (overdue). */
  readonly reminderPoints: readonly number[]
  readonly dailyDigest: boolean
  /** 0 turns the scheduler inside the server off (run `sin reminders run` from cron instead). */
  readonly schedulerIntervalSeconds: number
}

export interface Config {
  readonly environment: 'development' | 'test' | 'production'
  readonly production: boolean
  readonly port: number
  /** 0.0.0.0 in production (behind the reverse proxy, often in a container); 127.0.0.1 otherwise, so a laptop does not serve demo accounts to its network. */
  readonly host: string
  readonly databaseUrl: string
  readonly sessionSecret: string
  /** Secure cookies: on in production, off by default elsewhere so http://localhost works. */
  readonly cookieSecure: boolean
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Load the demo authorities and accounts on start. Always false in production. */
  readonly loadDemo: boolean
  readonly baseUrl: string
  /** Trust X-Forwarded-* from the reverse proxy in front of the service. */
  readonly trustProxy: boolean
  readonly email: EmailConfig
  /** Seals webhook signing secrets at rest when set (base64 of 32 bytes); see docs/webhooks.md. */
  readonly webhookSecretKey?: string | null
  /** Single sign-on providers; none unless SIN_OIDC_PROVIDERS is set. */
  readonly oidcProviders: readonly OidcProviderSettings[]
  /** Every local account must use an authenticator app, not only the roles that always must. */
  readonly mfaForAll: boolean
  /** Requests each API token may make in a minute (ASVS 2.4.1); more are answered 429. */
  readonly apiRequestsPerMinute: number
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: readonly string[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Reads and checks the environment. Throws a ConfigError listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty variable means "not set", as it does in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = schema.safeParse(present)
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)
  if (!parsed.success) throw new ConfigError(problems)

  const values = parsed.data
  const production = values.NODE_ENV === 'production'
  if (production) {
    if (values.SESSION_SECRET === undefined) problems.push('SESSION_SECRET is required in production (at least 32 random characters)')
    else if (values.SESSION_SECRET === DEVELOPMENT_SESSION_SECRET) problems.push('SESSION_SECRET must not be the development default in production')
    if (values.BASE_URL === undefined) problems.push('BASE_URL is required in production (the https:// address users reach)')
    else if (!values.BASE_URL.startsWith('https://')) problems.push('BASE_URL must start with https:// in production')
    if (values.COOKIE_SECURE === false) problems.push('COOKIE_SECURE cannot be false in production')
    const tls = values.DATABASE_NETWORK_ENCRYPTED ? null : databaseTlsProblem(values.DATABASE_URL)
    if (tls) problems.push(tls)
    if (values.EMAIL_TRANSPORT === undefined || values.EMAIL_TRANSPORT === 'outbox') problems.push('EMAIL_TRANSPORT must be smtp or notify in production (the outbox never sends)')
  }
  if (values.EMAIL_TRANSPORT === 'smtp' && values.SMTP_URL === undefined) problems.push('SMTP_URL is required when EMAIL_TRANSPORT is smtp')
  if (values.EMAIL_TRANSPORT === 'notify' && values.NOTIFY_API_KEY === undefined) problems.push('NOTIFY_API_KEY is required when EMAIL_TRANSPORT is notify')
  if (values.EMAIL_TRANSPORT === 'notify' && values.NOTIFY_TEMPLATE_ID === undefined) problems.push('NOTIFY_TEMPLATE_ID is required when EMAIL_TRANSPORT is notify')
  const providers = parseOidcProviders(values.SIN_OIDC_PROVIDERS, production, problems)
  if (problems.length > 0) throw new ConfigError(problems)

  return {
    environment: values.NODE_ENV,
    production,
    port: values.PORT,
    host: values.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: values.DATABASE_URL,
    sessionSecret: values.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    cookieSecure: values.COOKIE_SECURE ?? production,
    logLevel: values.LOG_LEVEL,
    loadDemo: production ? false : (values.LOAD_DEMO ?? true),
    baseUrl: values.BASE_URL ?? `http://localhost:${values.PORT}`,
    trustProxy: values.TRUST_PROXY,
    email: {
      transport: values.EMAIL_TRANSPORT ?? 'outbox',
      from: values.EMAIL_FROM ?? 'serious-incident-notifications@localhost',
      smtpUrl: values.SMTP_URL ?? null,
      notifyApiKey: values.NOTIFY_API_KEY ?? null,
      notifyTemplateId: values.NOTIFY_TEMPLATE_ID ?? null,
      notifyBaseUrl: values.NOTIFY_BASE_URL ?? null,
      reminderPoints: parseReminderPoints(values.REMINDER_POINTS),
      dailyDigest: values.DAILY_DIGEST,
      schedulerIntervalSeconds: values.SCHEDULER_INTERVAL_SECONDS,
    },
    webhookSecretKey: values.WEBHOOK_SECRET_KEY ?? null,
    oidcProviders: providers,
    mfaForAll: values.MFA_REQUIRED_FOR_ALL,
    apiRequestsPerMinute: values.API_REQUESTS_PER_MINUTE,
  }
}
