/**
 * The one YAML loader. js-yaml resolves an alias to the same object, so parsing a "billion laughs" bomb is
 * cheap, but every consumer that walks the value (ajv, JSON.stringify, a diff) walks the expansion: a 1 KB
 * document can stand for 10^9 nodes. After parsing, the value is walked once, counting nodes as a consumer
 * would meet them (an aliased subtree counts each time it is reached) and the nesting depth, and stopping at
 * the first limit, so the check itself costs at most `maxNodes` steps. JSON documents get the same check
 * (`checkDocumentBounds`): they cannot alias, but they can nest a million deep.
 *
 * Why js-yaml and a walk rather than the `yaml` package's `maxAliasCount`: js-yaml is already in the bundle
 * and its marks give the contract gate its source positions; the `yaml` package would add ~110 KB to dist/
 * and parses about 3× slower, and its alias count bounds the number of alias nodes, not the size they stand
 * for. Counting the expansion bounds exactly what hurts.
 */
import yaml from 'js-yaml'
import { FileError } from '../errors.js'

export interface DocumentLimits {
  /** Nodes (scalars, mappings, sequences) after alias expansion. */
  maxNodes: number
  /** Nesting depth of mappings and sequences. */
  maxDepth: number
}

/**
 * Defaults. A node costs at least two bytes of text, so a document without aliases under 4 MB never meets
 * the node limit; GitHub's REST description (11 MB of JSON) has about 2.4 M nodes. Real OpenAPI and config
 * files nest fewer than 40 levels.
 */
export const DEFAULT_DOCUMENT_LIMITS: Readonly<DocumentLimits> = { maxNodes: 2_000_000, maxDepth: 256 }

/** The node limit for a document of `textLength` characters: the default, or half its length if larger. */
export function nodeLimitFor(textLength: number, limits: Partial<DocumentLimits> = {}): number {
  return limits.maxNodes ?? Math.max(DEFAULT_DOCUMENT_LIMITS.maxNodes, Math.floor(textLength / 2))
}

export interface LoadYamlOptions extends Partial<DocumentLimits> {
  /** The file as shown in errors. */
  file: string
  /** js-yaml schema (default: js-yaml's default schema). */
  schema?: yaml.Schema
}

/**
 * Parses one YAML document and checks its expanded size and depth. Syntax errors, and limits exceeded,
 * are FileErrors at the line (js-yaml's mark) or at line 1 for limits (the walk has no positions).
 */
export function loadYaml(text: string, options: LoadYamlOptions): unknown {
  let value: unknown
  try {
    value = yaml.load(text, { filename: options.file, ...(options.schema ? { schema: options.schema } : {}) })
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = (error as yaml.YAMLException & { mark?: { line: number; column: number } }).mark
      throw new FileError(
        `not valid YAML: ${error.reason}`,
        options.file,
        mark ? mark.line + 1 : undefined,
        mark ? mark.column + 1 : undefined
      )
    }
    // js-yaml's parser recurses per nesting level: a very deep document overflows the stack.
    if (error instanceof RangeError) throw new FileError('nesting is too deep to parse', options.file, 1)
    throw error
  }
  checkDocumentBounds(value, { ...options, maxNodes: nodeLimitFor(text.length, options) })
  return value
}

/**
 * Walks `value` (iteratively: no recursion to overflow) and throws a FileError when it has more than
 * `maxNodes` nodes counted with aliases expanded, or nests deeper than `maxDepth` (a cyclic alias nests forever).
 */
export function checkDocumentBounds(
  value: unknown,
  options: Partial<DocumentLimits> & { file: string }
): void {
  const maxNodes = options.maxNodes ?? DEFAULT_DOCUMENT_LIMITS.maxNodes
  const maxDepth = options.maxDepth ?? DEFAULT_DOCUMENT_LIMITS.maxDepth
  const tooMany = (why: string) =>
    new FileError(
      `the document expands to more than ${maxNodes.toLocaleString('en-US')} nodes${why}`,
      options.file,
      1
    )
  // Two parallel stacks rather than one of {value, depth} objects: no allocation per node.
  const values: unknown[] = [value]
  const depths: number[] = [0]
  let nodes = 0
  while (values.length > 0) {
    const node = values.pop()
    const depth = depths.pop()!
    if (++nodes > maxNodes) throw tooMany(' (YAML aliases that repeat large parts?)')
    if (node === null || typeof node !== 'object') continue
    if (depth >= maxDepth) {
      throw new FileError(
        `the document nests deeper than ${maxDepth} levels (a recursive alias?)`,
        options.file,
        1
      )
    }
    if (Array.isArray(node)) {
      for (const child of node) {
        values.push(child)
        depths.push(depth + 1)
      }
    } else {
      for (const child of Object.values(node)) {
        values.push(child)
        depths.push(depth + 1)
      }
    }
    // A huge flat array would fill the stack before the count stops it.
    if (values.length > maxNodes) throw tooMany('')
  }
}
