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

let instance: PgQueryModule | undefined
let loading: Promise<void> | undefined
const encoder = new TextEncoder()

/**
 * Loads the parser once per thread. No V8 flag is set for it (an earlier `--liftoff-only` changed WebAssembly
 * compilation for the whole process): on Node 24, whose dynamic tiering optimises only hot functions, linting
 * 5,000 migrations took 0.97 s CPU with the flag and 0.99 s without (bench/migrations.mjs corpus, median of 4).
 */
export function loadPgQuery(): Promise<void> {
  loading ??= createPgQueryModule().then(module => {
    instance = module as PgQueryModule
  })
  return loading
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
