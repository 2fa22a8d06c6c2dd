// The jest reporter that ties tests to the rule catalogs: it must fail a run whose findings carry an id no
// catalog lists, and a full run that leaves a catalog id unproduced and unlisted.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { appendFileSync } from 'node:fs'
// @ts-expect-error: a plain .js jest reporter, no declarations
import RuleCoverageReporter from '../../scripts/jest-rule-coverage.js'

type Reporter = { log: string; onRunComplete(): Promise<void>; getLastError(): Error | undefined }
let saved: string | undefined

beforeEach(() => {
  saved = process.env.DEPLOY_GATES_RULE_LOG
})
afterEach(() => {
  // The reporter points the log at its own file; later tests in this worker must keep logging to the run's.
  if (saved === undefined) delete process.env.DEPLOY_GATES_RULE_LOG
  else process.env.DEPLOY_GATES_RULE_LOG = saved
})

const quiet = { record: false, write: () => true }
const partial = { testPathPatterns: { patterns: ['__tests__/rules'] }, nonFlagArgs: [] }
const full = { testPathPatterns: { patterns: [] }, nonFlagArgs: [] }

describe('rule coverage reporter', () => {
  it('fails a run in which a finding carries an id its gate’s catalog lacks', async () => {
    const reporter = new RuleCoverageReporter(partial, quiet) as Reporter
    appendFileSync(reporter.log, 'migrations\tdrop-table\tcatalog\nmigrations\tdrop-tabel\tresult\n')
    await reporter.onRunComplete()
    expect(reporter.getLastError()?.message).toMatch(/rule ids no catalog lists: migrations\/drop-tabel/)
  }, 30_000)

  it('accepts aliases and known ids, and does not judge coverage on a partial run', async () => {
    const reporter = new RuleCoverageReporter(partial, quiet) as Reporter
    appendFileSync(reporter.log, 'migrations\tdrop-table\tcatalog\nenv\tmissing-key\tresult\n')
    await reporter.onRunComplete()
    expect(reporter.getLastError()).toBeUndefined()
  }, 30_000)

  it('on a full run, names every catalog id no test produced that the allowlist does not excuse', async () => {
    const reporter = new RuleCoverageReporter(full, quiet) as Reporter
    appendFileSync(reporter.log, 'migrations\tdrop-table\tcatalog\n')
    await reporter.onRunComplete()
    const message = reporter.getLastError()?.message ?? ''
    expect(message).toMatch(/catalog rule\(s\) no test produced: /)
    expect(message).toContain('migrations/drop-column')
    expect(message).not.toContain('migrations/drop-table,')
  }, 30_000)
})
