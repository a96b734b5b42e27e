// Inputs for the API fuzzer (api-fuzz.test.ts): hostile values, bodies shaped like an operation's
// JSON Schema in the OpenAPI document with any field swapped for a hostile value, malformed JSON
// text, wrong content types, odd path segments, duplicated query parameters and If-Match values.
import fc from 'fast-check'

export type Json = Record<string, unknown>

/** The parts of JSON Schema (as z.toJSONSchema writes it) the shaper understands. */
export interface Schema {
  readonly type?: string
  readonly enum?: readonly unknown[]
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly items?: Schema
  readonly additionalProperties?: Schema | boolean
  readonly anyOf?: readonly Schema[]
  readonly $ref?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly description?: string
  readonly pattern?: string
}

export const MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '{{ 7*7 }}{% raw %}', '</textarea><script>alert(1)</script>']
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const
/** What a polluting payload would set on Object.prototype. */
export const POLLUTION = { polluted: 'yes', isAdmin: true, toString: 'polluted' }

const longString = fc.oneof(
  fc.integer({ min: 5_000, max: 120_000 }).map((n) => 'é'.repeat(n)),
  fc.integer({ min: 1_000, max: 30_000 }).map((n) => '𝒳\u202E'.repeat(n)),
)

/** Strings no field should trip over: any Unicode (astral, RTL, NUL, lone surrogates), markup, very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...MARKUP, '\u202Eevil\u202C', '\u05E9\u05DC\u05D5\u05DD \u0627\u0644\u0633\u0644\u0627\u0645', 'a\u0000b', '\u0000', '👩‍👧‍👦🧒🏽', '\uD800', '\uDFFF\uD800', '\r\nX-Injected: yes', "' OR 1=1--", '${7*7}', '../../etc/passwd', '', ' ', 'null', 'NaN', '1e309', '-1', '2026-02-30', '0000-00-00', '9999-12-31', '2026-11-24T25:61:00Z'),
  },
  { weight: 1, arbitrary: longString },
)

/** Numbers out of every range: huge, negative, fractional, beyond 2^53, subnormal. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e-320, 99_999_999_999),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
)

/** Puts keys such as __proto__ on an object as its own properties, as JSON.parse would. */
export function withKeys(value: Json, keys: readonly string[], payload: unknown): Json {
  const copy: Json = { ...value }
  for (const key of keys) Object.defineProperty(copy, key, { value: payload, enumerable: true, writable: true, configurable: true })
  return copy
}

const pollutingPayload = fc.constantFrom<unknown>(POLLUTION, { prototype: POLLUTION }, { polluted: 'yes' }, 'polluted', [POLLUTION])
/** Keys an object should never gain: prototype keys, and fields a client must not set. */
const extraKeys = fc.subarray([...PROTO_KEYS, 'unexpected', 'id', 'authorityId', 'authority_id', 'version', 'status', 'createdBy'], { maxLength: 3 })

/** Any JSON-ish value of any type, with prototype keys now and then. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [null], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.tuple(fc.object({ maxDepth: 2 }), fc.subarray([...PROTO_KEYS], { minLength: 1 }), pollutingPayload).map(([o, keys, p]) => withKeys(o, keys, p)) },
)

const DAYS = ['2026-11-20', '2026-11-23', '2026-11-24', '2026-12-01', '2027-03-01', '2025-01-01', '2026-02-29', '2026-13-01', '1900-01-01', '20261124', '24/11/2026']
const dayLike = (name: string, schema: Schema) => /YYYY-MM-DD|ISO 8601/.test(schema.description ?? '') || /\\d\{4\}/.test(schema.pattern ?? '') || /(On|Date|Due|At)$|^dateOfBirth$/.test(name)
const plausibleText = fc.constantFrom('Text (fictional)', 'Police (fictional)', 'A Person Demo', 'x', 'https://example.test/report', 'serious_incident', 'rapid_review')

export type Components = Readonly<Record<string, Schema>>

function resolve(schema: Schema, components: Components): Schema {
  const name = schema.$ref?.replace('#/components/schemas/', '')
  return name ? { ...(components[name] ?? {}), ...schema, $ref: undefined } : schema
}

/** A value of the schema's type (what a client would send), reaching the service's own checks. */
function wellTyped(schema: Schema, components: Components, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => shaped(s, components, name, depth)))
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum)
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {})
      const model = Object.fromEntries(properties.map(([key, s]) => [key, shaped(s, components, key, depth + 1)]))
      const required = (schema.required ?? []).filter((key) => key in model)
      const record = fc.oneof(fc.record(model, { requiredKeys: required }), fc.record(model, { requiredKeys: [] }))
      const extra = typeof schema.additionalProperties === 'object' ? fc.dictionary(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('serious_harm', ...PROTO_KEYS)), shaped(schema.additionalProperties, components, name, depth + 1), { maxKeys: 3 }) : fc.constant({})
      return fc.tuple(record, extra, extraKeys, hostileValue).map(([body, more, keys, payload]) => withKeys({ ...body, ...more }, keys, payload))
    }
    case 'array':
      return fc.array(schema.items ? shaped(schema.items, components, name, depth + 1) : hostileValue, { maxLength: 4 })
    case 'string':
      return dayLike(name, schema) ? fc.oneof(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS).map((d) => `${d}T10:00:00.000Z`)) : plausibleText
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.max(schema.minimum ?? -5, -1_000_000), max: Math.min(schema.maximum ?? 50, 1_000_000) })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return hostileValue
  }
}

/** Mostly the right type, sometimes a hostile value of any type in its place. */
export function shaped(schema: Schema, components: Components, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return hostileValue
  return fc.oneof({ weight: 4, arbitrary: wellTyped(resolve(schema, components), components, name, depth) }, { weight: 1, arbitrary: hostileValue })
}

/** A request body as sent: text and the content type it claims (none: no header). */
export interface SentBody {
  readonly text: string
  readonly contentType: string | undefined
}

// Over the app's body limit (100 kB).
const HUGE = `{"a":"${'x'.repeat(150_000)}"}`
const malformedText = fc.constantFrom(
  '', ' ', '{', '{"a":', '}', 'undefined', "{'a':1}", '{"a":NaN}', '{"a":Infinity}', '\uFEFF{}', '{"a":1}garbage', '{"a":1,}', '[1,2', '"\\u12"', '{"a":"\\ud800"}', 'nul', '/* c */{}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`, `${'['.repeat(45_000)}"\u0000"${']'.repeat(45_000)}`, `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":{"__proto__":{"polluted":"yes"}},"__proto__":[]}', '{"awareness":{},"awareness":{"__proto__":{"polluted":"yes"}}}',
  HUGE,
)
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json-patch+json', 'application/merge-patch+json', 'application/json, text/html', 'application/jsonp', '*/*', '']

/** A body for an operation: its schema's shape mostly, else any JSON, broken JSON, or the wrong type. */
export function bodyFor(schema: Schema | undefined, components: Components): fc.Arbitrary<SentBody> {
  const json = (value: unknown): SentBody => ({ text: JSON.stringify(value) ?? 'null', contentType: 'application/json' })
  const shapedValue = schema ? shaped(schema, components) : hostileValue
  return fc.oneof(
    { weight: 6, arbitrary: shapedValue.map(json) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    { weight: 1, arbitrary: fc.tuple(shapedValue, fc.nat()).map(([value, cut]) => { const text = JSON.stringify(value) ?? ''; return { text: text.slice(0, cut % (text.length + 1)), contentType: 'application/json' } }) },
    { weight: 1, arbitrary: malformedText.map((text) => ({ text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(shapedValue, fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined)).map(([value, contentType]) => ({ text: JSON.stringify(value) ?? '', contentType })) },
  )
}

/** Path segments that are not ids: empty-looking, traversal, encoded NUL/RTL/astral, too long, prototype keys. */
export const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%20', '.', '..', '%2e%2e', '%2F', '..%2F..%2Fetc', '%00', '%ZZ', '%E0%A4%A', '%F0%9F%92%A9', '%E2%80%AE', '__proto__', 'constructor', 'prototype', 'toString', 'x'.repeat(101), 'x'.repeat(5_000), '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'null', 'undefined', '-1', '0', 'serious_incident:', 'serious_incident%3A%3Cb%3E'),
  hostileString.filter((s) => s.length > 0 && s.length < 300).map((s) => { try { return encodeURIComponent(s) } catch { return '%EF%BF%BD' } }),
)

/** A query string: the operation's parameters and hostile ones, any of them repeated (a=1&a=2), or broken. */
export function queryFor(names: readonly string[], valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  const encode = (s: string) => { try { return encodeURIComponent(s) } catch { return '%EF%BF%BD' } }
  const one = fc.oneof({ weight: 2, arbitrary: hostileString.filter((s) => s.length < 2_000) }, { weight: 1, arbitrary: hostileNumber.map(String) })
  const pairs = fc.array(fc.tuple(fc.constantFrom(...names, ...PROTO_KEYS, '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[b][c]', ''), fc.array(one, { minLength: 1, maxLength: 3 })), { maxLength: 5 })
  const fromValid = valid.map((v) => Object.entries(v).map(([k, x]) => [k, [String(x)]] as [string, string[]]))
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fromValid, pairs).map(([a, b]) => [...a, ...b].flatMap(([k, vs]) => vs.map((x) => `${encode(k)}=${encode(x)}`)).join('&')) },
    { weight: 1, arbitrary: fc.constantFrom('page=1&page=2&pageSize=1&pageSize=100', 'page=%ZZ', '%=%', '&&&', '=', 'page', 'a=%E0%A4%A', `pageSize=${'9'.repeat(400)}`, 'justification=%00', 'justification=' + encode(MARKUP[0] ?? '')) },
  )
}

/** The If-Match sent: the case's current ETag (strong or weak), a stale one, none, or junk. */
export type IfMatch = { readonly kind: 'current' | 'weak' | 'stale' | 'none' } | { readonly kind: 'raw'; readonly value: string }
export const ifMatch: fc.Arbitrary<IfMatch> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'current' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'weak' as const }, { kind: 'stale' as const }, { kind: 'none' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.constantFrom('', '*', '"v0"', '"v-1"', '"v1e3"', '"v1.5"', '"v99999999999"', '"v999999999"', 'W/"v1", "v2"', '"v1","v2"', 'v1', '"V1"', `"v${'1'.repeat(400)}"`), fc.string({ unit: 'binary-ascii', maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)))
      .map((value) => ({ kind: 'raw' as const, value })),
  },
)
