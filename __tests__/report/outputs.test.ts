import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parseOutputsFile } from '../helpers/runner.js'
import { outputDelimiter, setOutputs } from '../../src/report/outputs.js'

function outputFile(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'outputs-')), 'output')
  writeFileSync(file, '')
  return file
}

describe('step outputs', () => {
  it('writes every output as a block the runner reads back exactly', () => {
    const file = outputFile()
    setOutputs({ status: 'passed', report: '/tmp/r.json', note: 'two\nlines' }, { GITHUB_OUTPUT: file })
    expect(parseOutputsFile(readFileSync(file, 'utf8'))).toEqual({
      status: 'passed',
      report: '/tmp/r.json',
      note: 'two\nlines'
    })
  })

  it('picks a delimiter no value contains, so a value cannot close its block and forge another output', () => {
    const forged = 'x\nghadelimiter_deploy_gates\nstatus<<ghadelimiter_deploy_gates_1\npassed'
    expect(outputDelimiter(['status', forged])).toBe('ghadelimiter_deploy_gates_2')
    const file = outputFile()
    setOutputs({ message: forged, status: 'failed' }, { GITHUB_OUTPUT: file })
    expect(parseOutputsFile(readFileSync(file, 'utf8'))).toEqual({ message: forged, status: 'failed' })
  })

  it('refuses a GITHUB_OUTPUT that names a missing file', () => {
    expect(() =>
      setOutputs({ status: 'passed' }, { GITHUB_OUTPUT: '/nonexistent/deploy-gates/output' })
    ).toThrow('Missing file at path: /nonexistent/deploy-gates/output')
  })
})
