// The readable API documentation (/api/docs), drawn from the OpenAPI document itself so the page
// and the document cannot disagree. Server-rendered: no Swagger UI, no scripts.
type Json = Record<string, unknown>

export interface FieldRow {
  readonly name: string
  readonly type: string
  readonly required: boolean
  readonly description: string
}

export interface OperationView {
  readonly anchor: string
  readonly method: string
  readonly path: string
  readonly summary: string
  readonly description: string
  readonly access: string
  readonly parameters: readonly FieldRow[]
  readonly body: readonly FieldRow[]
  readonly success: string
  readonly errors: readonly string[]
}

function typeOf(schema: Json | undefined, components: Json): string {
  if (!schema) return 'any'
  if (typeof schema.$ref === 'string') return typeOf(components[schema.$ref.split('/').pop() ?? ''] as Json, components)
  if (Array.isArray(schema.enum)) return `one of: ${(schema.enum as unknown[]).join(', ')}`
  if (schema.type === 'array') return `list of ${typeOf(schema.items as Json, components)}`
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map((s) => typeOf(s, components)).join(' or ')
  if (schema.type === 'object') return 'object'
  return typeof schema.type === 'string' ? schema.type : 'any'
}

/** Top-level fields, with one level of nesting shown as dotted names (child.dateOfBirth). */
function fields(schema: Json | undefined, components: Json, prefix = ''): FieldRow[] {
  if (!schema) return []
  if (typeof schema.$ref === 'string') return fields(components[schema.$ref.split('/').pop() ?? ''] as Json, components, prefix)
  const properties = (schema.properties ?? {}) as Record<string, Json>
  const required = (schema.required ?? []) as string[]
  return Object.entries(properties).flatMap(([name, property]) => {
    const row = { name: prefix + name, type: typeOf(property, components), required: required.includes(name), description: typeof property.description === 'string' ? property.description : '' }
    return [row, ...(prefix === '' && property.type === 'object' ? fields(property, components, `${name}.`) : [])]
  })
}

export function docsView(document: Json): { tags: { name: string; operations: OperationView[] }[] } {
  const components = ((document.components as Json).schemas ?? {}) as Json
  const responses = ((document.components as Json).responses ?? {}) as Record<string, Json>
  const byTag = new Map<string, OperationView[]>()
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const access = op['x-access'] as { scope: string; action: string }
      const codes = Object.entries(op.responses as Record<string, Json>)
      const [successCode] = codes[0] ?? ['200']
      const bodySchema = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined
      const view: OperationView = {
        anchor: String(op.operationId),
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: String(op.summary),
        description: typeof op.description === 'string' ? op.description : '',
        access: `${access.scope} scope`,
        parameters: ((op.parameters ?? []) as Json[]).map((p) => ({ name: `${String(p.name)} (${String(p.in)})`, type: typeOf(p.schema as Json, components), required: p.required === true, description: typeof p.description === 'string' ? p.description : '' })),
        body: fields(bodySchema?.schema as Json | undefined, components),
        success: successCode,
        errors: codes.slice(1).map(([code, r]) => `${code}: ${String(responses[String(r.$ref).split('/').pop() ?? '']?.description ?? '')}`),
      }
      const tag = ((op.tags ?? ['Other']) as string[])[0] ?? 'Other'
      byTag.set(tag, [...(byTag.get(tag) ?? []), view])
    }
  }
  return { tags: [...byTag].map(([name, operations]) => ({ name, operations })) }
}
