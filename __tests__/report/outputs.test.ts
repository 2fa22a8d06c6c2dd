import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { parseOutputsFile } from '../helpers/runner.js'
import { setOutputs } from '../../src/report/outputs.js'

/** @actions/core reads GITHUB_OUTPUT from the process environment, as on a runner. */
function outputFile(): { GITHUB_OUTPUT: string } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'outputs-')), 'output')
  writeFileSync(file, '')
  process.env.GITHUB_OUTPUT = file
  return { GITHUB_OUTPUT: file }
}

afterEach(() => {
  delete process.env.GITHUB_OUTPUT
})

describe('step outputs', () => {
  it('writes every output as a block the runner reads back exactly', () => {
    const env = outputFile()
    setOutputs({ status: 'passed', report: '/tmp/r.json', note: 'two\nlines' }, env)
    expect(parseOutputsFile(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      status: 'passed',
      report: '/tmp/r.json',
      note: 'two\nlines'
    })
  })

  it('a value holding delimiter-like lines cannot close its block and forge another output', () => {
    const forged = 'x\nghadelimiter_0\nstatus<<ghadelimiter_1\npassed'
    const env = outputFile()
    setOutputs({ message: forged, status: 'failed' }, env)
    expect(parseOutputsFile(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      message: forged,
      status: 'failed'
    })
  })

  it('refuses a GITHUB_OUTPUT that names a missing file, and writes nothing outside a runner', () => {
    process.env.GITHUB_OUTPUT = '/nonexistent/deploy-gates/output'
    expect(() => setOutputs({ status: 'passed' }, { GITHUB_OUTPUT: process.env.GITHUB_OUTPUT })).toThrow(
      'Missing file at path: /nonexistent/deploy-gates/output'
    )
    delete process.env.GITHUB_OUTPUT
    expect(() => setOutputs({ status: 'passed' }, {})).not.toThrow()
  })
})
