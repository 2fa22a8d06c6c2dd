/**
 * What a JSON Schema cannot say about an OpenAPI document: security requirements name defined schemes,
 * a path template names each parameter once, no two paths differ only in parameter names.
 * (Every template parameter declared, and operationIds unique, are in structure.ts.)
 */
import type { Finding } from '../../types.js'
import { isRecord } from './operations.js'
import { child, type Loc, type Spec } from './spec.js'
import { HTTP_METHODS } from './structure.js'

export function validateSemantics(spec: Spec): Finding[] {
  const findings: Finding[] = []
  const root: Loc = { file: spec.entry, pointer: [] }
  const schemes = spec.deref(child(root, 'components', 'securitySchemes'))?.value
  const defined = new Set(isRecord(schemes) ? Object.keys(schemes) : [])
  checkSecurity(spec, child(root, 'security'), defined, findings, 'the document')
  const paths = spec.root.paths
  if (!isRecord(paths)) return findings
  const shapes = new Map<string, string>()
  for (const path of Object.keys(paths)) {
    if (!path.startsWith('/')) continue
    const at = child(root, 'paths', path)
    const names = [...path.matchAll(/\{([^}]*)\}/g)].map(match => match[1]!)
    const repeated = names.filter((name, index) => names.indexOf(name) !== index)
    if (repeated.length > 0)
      findings.push(
        spec.finding(
          at,
          'path-parameter-mismatch',
          undefined,
          `path '${path}' names the parameter {${repeated[0]}} more than once; each template parameter must be unique`
        )
      )
    const shape = path.replace(/\{[^}]*\}/g, '{}')
    const other = shapes.get(shape)
    if (other !== undefined) {
      // OpenAPI says such paths MUST NOT exist; a router still dispatches them when no method is shared
      // (GitHub's GET …/{subject_digest} beside DELETE …/{attestation_id}), so that case is a warning.
      const shared = methodsOf(spec, child(root, 'paths', path)).filter(m =>
        methodsOf(spec, child(root, 'paths', other)).includes(m)
      )
      findings.push(
        spec.finding(
          at,
          'ambiguous-paths',
          shared.length > 0 ? 'error' : 'warning',
          `path '${path}' differs from '${other}' (${spec.describe(child(root, 'paths', other))}) only in parameter names: ${
            shared.length > 0
              ? `a ${shared[0]!.toUpperCase()} request matches both`
              : 'OpenAPI forbids it, though no method is shared'
          }`
        )
      )
    } else shapes.set(shape, path)
    const item = spec.deref(at)
    if (!item || !isRecord(item.value)) continue
    for (const method of HTTP_METHODS) {
      const op = spec.deref(child(item.loc, method))
      if (!op || !isRecord(op.value)) continue
      checkSecurity(spec, child(op.loc, 'security'), defined, findings, `${method.toUpperCase()} ${path}`)
    }
  }
  return findings
}

function methodsOf(spec: Spec, at: Loc): string[] {
  const item = spec.deref(at)?.value
  return isRecord(item)
    ? HTTP_METHODS.filter(method => isRecord(item[method]) || refOfValue(item[method]))
    : []
}

function refOfValue(value: unknown): boolean {
  return isRecord(value) && typeof value.$ref === 'string'
}

function checkSecurity(spec: Spec, at: Loc, defined: Set<string>, findings: Finding[], owner: string): void {
  const list = spec.valueAt(at)
  if (!Array.isArray(list)) return
  list.forEach((requirement, index) => {
    if (!isRecord(requirement)) return
    for (const scheme of Object.keys(requirement)) {
      if (defined.has(scheme)) continue
      const known =
        defined.size > 0 ? ` (defined: ${[...defined].join(', ')})` : ' (components.securitySchemes is empty)'
      findings.push(
        spec.finding(
          child(at, index, scheme),
          'undefined-security-scheme',
          undefined,
          `security requirement of ${owner} names '${scheme}', which components.securitySchemes does not define${known}`
        )
      )
    }
  })
}
