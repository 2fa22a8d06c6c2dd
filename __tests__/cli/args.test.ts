import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { inputsForGate, parseActionInputs } from '../../src/cli/action-inputs.js'
import { parseCliArgs, UsageError, withDefaults } from '../../src/cli/args.js'
import { closest } from '../../src/cli/closest.js'
import { renderHelp } from '../../src/cli/help.js'

const inputs = parseActionInputs(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'))

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv, inputs)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as Error).message
  }
  throw new Error('expected a usage error')
}

describe('action.yml inputs', () => {
  it('knows which gate uses which input, from the description tags', () => {
    const env = inputsForGate(inputs, 'env').map(input => input.name)
    expect(env).toEqual(
      expect.arrayContaining(['fail-on', 'sarif', 'schema', 'env-files', 'check-process-env'])
    )
    expect(env).not.toContain('url')
    const environment = inputs.find(input => input.name === 'environment')!
    expect(environment.perGate.env).toMatch(/^Environment whose rules apply/)
    expect(environment.perGate.rollback).toMatch(/^The GitHub environment name/)
    expect(inputs.find(input => input.name === 'check-process-env')!.boolean).toBe(true)
  })
})

describe('parseCliArgs', () => {
  it('reads --name value, --name=value, bare booleans, --no-<boolean> and repeats', () => {
    const command = parseCliArgs(
      [
        'env',
        '--schema',
        '.env.example',
        '--env-files=.env.staging',
        '--env-files',
        '.env.production',
        '--check-process-env',
        '--no-comment',
        '--json'
      ],
      inputs
    )
    expect(command).toEqual({
      kind: 'run',
      gate: 'env',
      json: true,
      values: {
        schema: '.env.example',
        'env-files': '.env.staging\n.env.production',
        'check-process-env': 'true',
        comment: 'false'
      }
    })
    expect(parseCliArgs(['env', '--check-process-env', 'false'], inputs)).toMatchObject({
      values: { 'check-process-env': 'false' }
    })
  })

  it('names the flag and suggests the closest input', () => {
    expect(usageError(['env', '--shema', 'x'])).toBe('unknown option --shema; did you mean --schema?')
    expect(usageError(['env', '--env-file', 'x'])).toBe(
      'unknown option --env-file; did you mean --env-files?'
    )
    expect(usageError(['env', '--zzzzzz'])).toBe('unknown option --zzzzzz')
    expect(usageError(['env', '--url', 'x'])).toBe('--url is an input of the health gate, not of env')
    expect(usageError(['env', '--schema'])).toBe('--schema needs a value')
    expect(usageError(['env', 'stray'])).toBe("unexpected argument 'stray'")
    expect(usageError(['enf'])).toBe(
      "unknown gate 'enf'; did you mean 'env'? (gates: env, migrations, contract, health, deployment, rollback, metrics)"
    )
    expect(usageError([])).toBe('name a gate: deploy-gates <gate> [options]')
  })

  it('answers --help and --version before anything else', () => {
    expect(parseCliArgs(['--help'], inputs)).toEqual({ kind: 'help' })
    expect(parseCliArgs(['env', '--bogus', '-h'], inputs)).toEqual({ kind: 'help', gate: 'env' })
    expect(parseCliArgs(['-V'], inputs)).toEqual({ kind: 'version' })
  })

  it('applies the action defaults a runner would, except expressions', () => {
    const values = withDefaults({ schema: 's' }, 'env', inputs)
    expect(values).toMatchObject({
      gate: 'env',
      schema: 's',
      'fail-on': 'error',
      'working-directory': '.',
      comment: 'true'
    })
    expect(values['github-token']).toBeUndefined()
  })
})

describe('closest', () => {
  it('suggests near misses and prefixes only', () => {
    expect(closest('fail-onn', ['fail-on', 'report'])).toBe('fail-on')
    expect(closest('sar', ['sarif', 'schema'])).toBe('sarif')
    expect(closest('database', ['schema', 'report'])).toBeUndefined()
  })
})

describe('renderHelp', () => {
  it('lists a gate’s inputs with their descriptions for that gate and defaults', () => {
    const help = renderHelp(inputs, 'env')
    expect(help).toContain('usage: deploy-gates env')
    expect(help).toMatch(/--schema <value> +What must be set: a \.env\.example-style file/)
    expect(help).toMatch(/--check-process-env +Also validate the job's own environment/)
    expect(help).toMatch(
      /--fail-on <value> +Lowest finding severity that fails the step: error, warning or never/
    )
    expect(help).not.toContain('--url')
    expect(help).not.toContain('[deployment')
    expect(help).toContain('Exit codes: 0 passed, 1 the gate failed or could not run, 2 usage error.')
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100)
  })
})
