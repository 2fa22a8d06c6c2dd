// libpg-query's Emscripten loader (CommonJS, no types of its own): a factory resolving to the module.
declare module 'libpg-query/wasm/libpg-query.js' {
  const createPgQueryModule: (options?: object) => Promise<unknown>
  export default createPgQueryModule
}
