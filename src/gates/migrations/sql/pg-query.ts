import { setFlagsFromString } from 'node:v8'
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
 * V8 tiers a hot WebAssembly function up to TurboFan; libpg_query's grammar (one ~100 KB function) is hot at
 * once, and compiling it takes ~600 ms and ~600 MB (measured on Node 24: a one-file migrations run peaked at
 * 607 MB RSS, 69 MB without that compilation, and took 0.51 s instead of 0.18 s). Its baseline code is fast
 * enough for a parse that runs once per migration. V8 refills a function's tiering budget from the flag's
 * current value, so the budget is raised only while our parser runs (synchronously, in `parseToJson`) and set
 * back before it returns: nothing else in the process sees a changed flag, and none is set at import. A budget
 * the user set on the command line is left alone.
 */
const TIERING_BUDGET = '--wasm-tiering-budget'
const USER_SET_BUDGET = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some(arg =>
  arg.replace(/_/g, '-').startsWith(TIERING_BUDGET)
)
/** V8's default budget, set back after each parse (Node 22 and later; 1,800,000 in the V8 of Node 20). */
const DEFAULT_BUDGET = `${TIERING_BUDGET}=${Number.parseInt(process.versions.v8, 10) >= 12 ? 13_000_000 : 1_800_000}`
const PARSER_BUDGET = `${TIERING_BUDGET}=2147483647`

/** Loads the parser once per thread (~20 ms). */
export function loadPgQuery(): Promise<void> {
  loading ??= (async () => {
    // Instantiation is asynchronous: the budget stays raised until it is done (it is read then too).
    if (!USER_SET_BUDGET) setFlagsFromString(PARSER_BUDGET)
    try {
      instance = (await createPgQueryModule()) as PgQueryModule
    } finally {
      if (!USER_SET_BUDGET) setFlagsFromString(DEFAULT_BUDGET)
    }
  })()
  return loading
}

function withParserTiering<T>(run: () => T): T {
  if (USER_SET_BUDGET) return run()
  setFlagsFromString(PARSER_BUDGET)
  try {
    return run()
  } finally {
    setFlagsFromString(DEFAULT_BUDGET)
  }
}

function utf8At(heap: Uint8Array, pointer: number): string {
  const end = heap.indexOf(0, pointer)
  return Buffer.from(heap.buffer, heap.byteOffset + pointer, end - pointer).toString('utf8')
}

/** Parses SQL into libpg_query's JSON text (`{"version":…,"stmts":[…]}`); throws PgSyntaxError. */
export function parseToJson(sql: string): string {
  return withParserTiering(() => parse(sql))
}

function parse(sql: string): string {
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
