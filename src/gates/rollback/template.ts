import { InputError } from '../../errors.js'
import type { Deployment } from '../../github/deployments.js'
import { valueAtPath } from '../../kernel/object-path.js'

/**
 * `{sha}`, `{ref}` and `{payload.a.b}` placeholders of `artifact-check` and `artifact-name`. The template's
 * placeholders are checked when the inputs are read (an unknown one is the user's typo: an InputError); a value
 * a deployment lacks is a data problem found at run time, reported for that deployment (never an InputError).
 */
const PLACEHOLDER = /\{([^}]*)\}/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function validateTemplate(template: string, what: string): void {
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (name === 'sha' || name === 'ref' || /^payload(\.[^.]+)+$/.test(name!)) continue
    throw new InputError(`${what}: unknown placeholder {${name}}; use {sha}, {ref} or {payload.<key>}`)
  }
}

export type Expansion = { ok: true; value: string } | { ok: false; problem: string }

/** Fills the placeholders from a deployment; `encode` makes each value safe for where it goes (a URL, a name). */
export function expandTemplate(
  template: string,
  deployment: Deployment,
  encode: (value: string) => string = value => value
): Expansion {
  let problem: string | undefined
  const value = template.replace(PLACEHOLDER, (_match, name: string) => {
    let found: unknown
    if (name === 'sha') found = deployment.sha
    else if (name === 'ref') found = deployment.ref
    else {
      found = valueAtPath(deployment.payload, name.slice('payload.'.length).split('.'))
    }
    if (typeof found !== 'string' && typeof found !== 'number') {
      problem ??= `{${name}} is not set on it`
      return ''
    }
    const text = String(found)
    // A lone surrogate cannot be encoded into a URL (encodeURI throws) nor sent as a name.
    if (LONE_SURROGATE.test(text)) {
      problem ??= `{${name}} is not valid Unicode`
      return ''
    }
    return encode(text)
  })
  return problem === undefined ? { ok: true, value } : { ok: false, problem }
}

/** Keeps `:`, `/` and `@` (image digests, paths) but never lets a value add a query or fragment. */
export const encodeUrlPart = (value: string) => encodeURI(value).replace(/[?#]/g, c => encodeURIComponent(c))
