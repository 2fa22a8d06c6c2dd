import { valueAtPath } from '../../kernel/object-path.js'

/** JSON Pointer (RFC 6901) helpers: `~1` is `/`, `~0` is `~`; `$ref` fragments may also be percent-encoded. */

export type Pointer = readonly string[]

export function formatPointer(pointer: Pointer): string {
  return pointer.map(part => '/' + part.replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

/** Parses `/a/b~1c` (or a `#/a/b` fragment) into segments. Returns undefined when it is not a pointer. */
export function parsePointer(text: string): string[] | undefined {
  let body = text.startsWith('#') ? text.slice(1) : text
  try {
    body = decodeURIComponent(body)
  } catch {
    return undefined
  }
  if (body === '') return []
  if (!body.startsWith('/')) return undefined
  return body
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** The value at a pointer, or undefined when a segment is missing. */
export function valueAt(root: unknown, pointer: Pointer): unknown {
  return valueAtPath(root, pointer, { indexStrings: true })
}
