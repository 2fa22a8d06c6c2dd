import { FileError, errorMessage } from '../../errors.js'
import type { Finding, Severity } from '../../types.js'
import { catalog, type ContractRuleId } from './catalog.js'
import { formatPointer, parsePointer, valueAt, type Pointer } from './pointer.js'
import { OutsideWorkspaceError, type SpecReader } from './reader.js'
import { parseSpecFile, SpecFile } from './spec-file.js'

/** A place in the description: a file and a JSON pointer inside it. */
export interface Loc {
  file: SpecFile
  pointer: Pointer
}

export type OpenApiVersion = '3.0' | '3.1'

interface RefSite {
  loc: Loc
  ref: string
}

const MAX_REF_HOPS = 64

/**
 * An OpenAPI description loaded with every file its `$ref`s reach. Problems found while loading
 * (files that do not parse, refs that point nowhere) are findings at the ref's line, not exceptions,
 * so one run reports all of them.
 */
export class Spec {
  readonly files = new Map<string, SpecFile>()
  readonly problems: Finding[] = []
  private readonly refSites: RefSite[] = []

  private constructor(
    readonly entry: SpecFile,
    readonly reader: SpecReader
  ) {
    this.files.set(entry.id, entry)
  }

  get root(): Record<string, unknown> {
    return this.entry.root as Record<string, unknown>
  }

  get version(): OpenApiVersion {
    return String(this.root.openapi ?? '').startsWith('3.1') ? '3.1' : '3.0'
  }

  /** Loads the entry file (a parse error there is thrown as a FileError) and every file its refs reach. */
  static async load(reader: SpecReader, entryId: string): Promise<Spec> {
    const { text, display } = await reader.read(entryId)
    const spec = new Spec(parseSpecFile(entryId, display, text), reader)
    const queue = [spec.entry]
    while (queue.length > 0) {
      const file = queue.shift()!
      for (const site of collectRefs(file)) {
        spec.refSites.push(site)
        const target = spec.refTargetId(file, site.ref)
        if (target === undefined || spec.files.has(target)) continue
        const loaded = await spec.loadReferenced(target, site)
        if (loaded) queue.push(loaded)
      }
    }
    for (const site of spec.refSites) spec.checkRef(site)
    return spec
  }

  /** The file a `$ref` names (undefined for remote URLs and same-file refs). */
  private refTargetId(file: SpecFile, ref: string): string | undefined {
    const filePart = ref.split('#')[0]!
    if (filePart === '' || isRemote(filePart)) return undefined
    const decoded = decodeRefPath(filePart)
    return decoded === undefined ? undefined : this.reader.join(file.id, decoded)
  }

  private async loadReferenced(id: string, site: RefSite): Promise<SpecFile | undefined> {
    try {
      const { text, display } = await this.reader.read(id)
      const file = parseSpecFile(id, display, text)
      this.files.set(id, file)
      return file
    } catch (error) {
      const parseError = specParseErrorFinding(error)
      if (parseError) {
        this.problems.push(parseError)
      } else if (error instanceof OutsideWorkspaceError) {
        this.problems.push(
          this.finding(
            site.loc,
            'ref-outside-workspace',
            'error',
            `$ref '${site.ref.slice(0, 200)}' leaves the workspace (${error.file}); the gate reads only files under the working directory`
          )
        )
      } else {
        this.problems.push(
          this.finding(
            site.loc,
            'dangling-ref',
            'error',
            `$ref '${site.ref}' names a file that cannot be read: ${errorMessage(error)}`
          )
        )
      }
      // Remember the failure so other refs to the same file do not retry (and do not report twice).
      this.files.set(id, new SpecFile(id, id, '', undefined))
      return undefined
    }
  }

  private checkRef(site: RefSite): void {
    if (isRemote(site.ref)) {
      this.problems.push(
        this.finding(
          site.loc,
          'unsupported-ref',
          'error',
          `$ref '${site.ref}' is a remote URL; only local files are followed (bundle it into the repository)`
        )
      )
      return
    }
    if (decodeRefPath(site.ref.split('#')[0]!) === undefined) {
      this.problems.push(
        this.finding(
          site.loc,
          'unsupported-ref',
          'error',
          `$ref '${site.ref.slice(0, 200)}' has a malformed percent-escape (write %25 for a literal %)`
        )
      )
      return
    }
    const fragment = site.ref.includes('#') ? site.ref.slice(site.ref.indexOf('#')) : ''
    if (fragment !== '' && parsePointer(fragment) === undefined) {
      this.problems.push(
        this.finding(
          site.loc,
          'unsupported-ref',
          'error',
          `$ref '${site.ref}' is not a JSON pointer (anchors are not supported)`
        )
      )
      return
    }
    const target = this.resolveRef(site.loc.file, site.ref)
    const targetFile = this.files.get(this.refTargetId(site.loc.file, site.ref) ?? site.loc.file.id)
    if (targetFile && targetFile.root === undefined) return // already reported: the file could not be read
    if (!target) {
      const where = targetFile ? targetFile.display : site.ref
      this.problems.push(
        this.finding(site.loc, 'dangling-ref', 'error', `$ref '${site.ref}' points at nothing in ${where}`)
      )
    }
  }

  /** Where a `$ref` written in `from` points, if that exists. */
  resolveRef(from: SpecFile, ref: string): Loc | undefined {
    if (isRemote(ref)) return undefined
    const hash = ref.indexOf('#')
    const fileId = this.refTargetId(from, ref) ?? from.id
    const file = this.files.get(fileId)
    if (!file || file.root === undefined) return undefined
    const pointer = hash === -1 ? [] : parsePointer(ref.slice(hash))
    if (!pointer || valueAt(file.root, pointer) === undefined) return undefined
    return { file, pointer }
  }

  /** The value at a location. */
  valueAt(loc: Loc): unknown {
    return valueAt(loc.file.root, loc.pointer)
  }

  /** Follows `$ref` chains to a concrete value. Undefined for a dangling or circular chain. */
  deref(loc: Loc): { value: unknown; loc: Loc } | undefined {
    let current = loc
    let value = this.valueAt(loc)
    for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
      const ref = refOf(value)
      if (ref === undefined) return { value, loc: current }
      const next = this.resolveRef(current.file, ref)
      if (!next) return undefined
      current = next
      value = this.valueAt(next)
    }
    return undefined
  }

  /** A finding of a catalog rule placed at a location (its key's line and column); severity defaults to the rule's. */
  finding(
    loc: Loc,
    rule: ContractRuleId,
    severity: Severity | undefined,
    message: string,
    help?: string
  ): Finding {
    const { line, column } = loc.file.locate(loc.pointer)
    return catalog.finding(rule, {
      ...(severity ? { severity } : {}),
      message,
      file: loc.file.display,
      line,
      column,
      ...(help ? { help } : {})
    })
  }

  /** `openapi.yaml:42` for messages. */
  describe(loc: Loc): string {
    return `${loc.file.display}:${loc.file.locate(loc.pointer).line}`
  }

  /** `openapi.yaml#/paths/~1users` for data. */
  static pointerText(loc: Loc): string {
    return `${loc.file.display}#${formatPointer(loc.pointer)}`
  }
}

export function child(loc: Loc, ...parts: (string | number)[]): Loc {
  return { file: loc.file, pointer: [...loc.pointer, ...parts.map(String)] }
}

export function refOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ref = (value as Record<string, unknown>).$ref
    if (typeof ref === 'string') return ref
  }
  return undefined
}

/** The file part of a `$ref`, percent-decoded; undefined when an escape is malformed (`%zz`, a lone `%`). */
function decodeRefPath(filePart: string): string | undefined {
  try {
    return decodeURI(filePart)
  } catch {
    return undefined
  }
}

function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref)
}

interface PathNode {
  parent: PathNode | undefined
  key: string
}

function pointerOf(node: PathNode | undefined): string[] {
  const parts: string[] = []
  for (let n = node; n; n = n.parent) parts.push(n.key)
  return parts.reverse()
}

/**
 * Every `$ref` in a file, skipping literal example data (`example`, and `value` inside `examples`),
 * where a `$ref` key is just data. Objects reached twice (YAML aliases) are walked once.
 */
function collectRefs(file: SpecFile): RefSite[] {
  const sites: RefSite[] = []
  const seen = new Set<object>()
  const stack: { value: unknown; path: PathNode | undefined }[] = [{ value: file.root, path: undefined }]
  while (stack.length > 0) {
    const { value, path: at } = stack.pop()!
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: { parent: at, key: String(i) } })
      continue
    }
    const record = value as Record<string, unknown>
    if (typeof record.$ref === 'string')
      sites.push({ loc: { file, pointer: [...pointerOf(at), '$ref'] }, ref: record.$ref })
    const inExample = at?.parent?.key === 'examples'
    for (const key of Object.keys(record)) {
      if (key === 'example' || (key === 'value' && inExample) || key === '$ref') continue
      stack.push({ value: record[key], path: { parent: at, key } })
    }
  }
  return sites
}

/** A spec file that does not parse, as a finding at its position (undefined for any other error). */
export function specParseErrorFinding(error: unknown): Finding | undefined {
  if (!(error instanceof FileError) || !error.line) return undefined
  return catalog.finding('spec-parse-error', {
    message: error.message,
    file: error.file,
    line: error.line,
    column: error.column
  })
}
