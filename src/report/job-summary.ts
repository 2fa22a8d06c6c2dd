/**
 * The job summary: Markdown appended to the file the runner names in GITHUB_STEP_SUMMARY (GitHub's "Adding a
 * job summary"). Written here rather than with `core.summary`, whose module reads node:fs/promises when it is
 * imported, which loads fs/promises and readline on every run (~1 ms of CPU; bench/env.mjs, and
 * __tests__/action/startup.test.ts pins it). `core.summary.write()` does the same append after checking that
 * the file is writable; an append that fails says why itself.
 */
import { appendFileSync } from 'node:fs'

export function appendJobSummary(markdown: string, env: Record<string, string | undefined>): void {
  const file = env.GITHUB_STEP_SUMMARY
  if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set: no job summary outside a runner')
  appendFileSync(file, markdown, { encoding: 'utf8' })
}
