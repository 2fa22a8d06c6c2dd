import './wasm-tiering.js'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import createPgQueryModule from 'libpg-query/wasm/libpg-query.js'

/**
 * libpg_query (PostgreSQL's own parser, compiled to WebAssembly by the libpg-query package), called
 * directly. libpg-query's `parseSync` copies strings in and out of WebAssembly memory with JavaScript
 * loops, one character at a time; on thousands of migrations that was a fifth of the parse. Here the
 * copies are native (TextEncoder.encodeInto, indexOf, Buffer#utf8Slice); the parser and its output are
 * the same.
 */
interface PgQueryModule {
  HEAPU8: Uint8Array
  HEAPU32: Uint32Array
  _malloc(bytes: number): number
  _free(pointer: number): void
  _wasm_parse_query_raw(query: number): number
  _wasm_free_parse_result(result: number): void
}

/** A syntax error: libpg_query's message and the 0-based byte offset of the offending token. */
export class PgSyntaxError extends Error {
  override name = 'PgSyntaxError'
  constructor(
    message: string,
    readonly byteOffset: number
  ) {
    super(message)
  }
}

/** A compiled WebAssembly.Module (the project's TypeScript lib has no WebAssembly types). */
export type CompiledWasm = object
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<CompiledWasm>
  instantiate(module: CompiledWasm, imports: object): Promise<object>
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly

let instance: PgQueryModule | undefined
let loading: Promise<{ module: PgQueryModule; compiled: CompiledWasm | undefined }> | undefined
const encoder = new TextEncoder()

/** The bundle ships the parser's .wasm beside its code (scripts/build.mjs); from source, libpg-query finds its own. */
function bundledWasm(): URL | undefined {
  const url = new URL('./libpg-query.wasm', import.meta.url)
  return url.pathname.endsWith('.wasm') && import.meta.url.endsWith('.js') && existsSync(url) ? url : undefined
}

/**
 * Instantiates the parser once per thread and returns its compiled module (when compiled here), so a
 * lint worker can instantiate the same code without compiling the 1.7 MB binary again.
 */
export function loadPgQuery(compiled?: CompiledWasm): Promise<CompiledWasm | undefined> {
  loading ??= (async () => {
    const wasm = compiled ?? (bundledWasm() && (await wasmApi.compile(await readFile(bundledWasm()!))))
    let failed: (error: unknown) => void = () => {}
    const failure = new Promise<never>((_, reject) => (failed = reject))
    const options = wasm
      ? {
          instantiateWasm(imports: object, receive: (instance: object) => void): void {
            wasmApi.instantiate(wasm, imports).then(receive, failed)
          }
        }
      : {}
    const module = (await Promise.race([createPgQueryModule(options), failure])) as PgQueryModule
    instance = module
    return { module, compiled: wasm }
  })()
  return loading.then(loaded => loaded.compiled)
}

function utf8At(heap: Uint8Array, pointer: number): string {
  const end = heap.indexOf(0, pointer)
  return Buffer.from(heap.buffer, heap.byteOffset + pointer, end - pointer).toString('utf8')
}

/** Parses SQL into libpg_query's JSON text (`{"version":…,"stmts":[…]}`); throws PgSyntaxError. */
export function parseToJson(sql: string): string {
  const pg = instance
  if (!pg) throw new Error('SQL parser not loaded: call loadPgQuery() first')
  const bytes = Buffer.byteLength(sql, 'utf8')
  const query = pg._malloc(bytes + 1)
  let result = 0
  try {
    let heap = pg.HEAPU8
    encoder.encodeInto(sql, heap.subarray(query, query + bytes))
    heap[query + bytes] = 0
    result = pg._wasm_parse_query_raw(query)
    if (!result) throw new Error('SQL parser out of memory')
    // The parser may have grown (and so replaced) the memory: read the views again.
    heap = pg.HEAPU8
    const words = pg.HEAPU32
    const tree = words[result >> 2]!
    const error = words[(result + 8) >> 2]!
    if (error) {
      const message = words[error >> 2]!
      const cursor = words[(error + 16) >> 2]! | 0
      throw new PgSyntaxError(message ? utf8At(heap, message) : 'syntax error', cursor > 0 ? cursor - 1 : 0)
    }
    if (!tree) throw new Error('SQL parser returned no parse tree')
    return utf8At(heap, tree)
  } finally {
    pg._free(query)
    if (result) pg._wasm_free_parse_result(result)
  }
}
