/**
 * Follows a path of property names and array indexes into parsed JSON/YAML: JSON Pointers (contract),
 * `$.a[0].b` assertions (health), `{payload.key}` placeholders (rollback). Own properties only, so a path
 * can never reach `__proto__`, `constructor` or anything inherited; `undefined` when any step is missing.
 */
export function valueAtPath(
  root: unknown,
  path: readonly (string | number)[],
  /** JSON Pointer: a string step may index an array when it is a canonical index (`0`, `12`, not `01`). */
  { indexStrings = false }: { indexStrings?: boolean } = {}
): unknown {
  let node = root
  for (const step of path) {
    if (Array.isArray(node)) {
      if (typeof step === 'number') node = Number.isInteger(step) && step >= 0 ? node[step] : undefined
      else if (indexStrings && /^(0|[1-9]\d*)$/.test(step)) node = node[Number(step)]
      else return undefined
    } else {
      if (typeof step === 'number' || node === null || typeof node !== 'object') return undefined
      if (!Object.hasOwn(node, step)) return undefined
      node = (node as Record<string, unknown>)[step]
    }
  }
  return node
}
