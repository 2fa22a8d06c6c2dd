import { describe, expect, it } from '@jest/globals'
import { GATE_INTERFACES, inputsForGate } from '../../src/inputs/catalog.js'
import type { GateName } from '../../src/types.js'

/** What the pipeline reads for a gate: the given values, else the gate's declared defaults. */
function withDefaults(values: Record<string, string>, gate: GateName): Record<string, string | undefined> {
  const source = withDeclaredDefaults(mapInputSource(values), inputsForGate(gate))
  return Object.fromEntries(inputsForGate(gate).map(input => [input.name, source.get(input.name)]))
}
import { parseCliArgs, UsageError } from '../../src/cli/args.js'
import { mapInputSource, withDeclaredDefaults } from '../../src/inputs.js'
import { closest } from '../../src/kernel/closest.js'
import { renderHelp } from '../../src/cli/help.js'
import { GATE_NAMES } from '../../src/types.js'

const GATES = GATE_NAMES.join(', ')

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as Error).message
  }
  throw new Error('expected a usage error')
}

describe('input declarations', () => {
  it('give each gate the common inputs and its own, each gate with its own description', () => {
    const env = inputsForGate('env').map(input => input.name)
    expect(env).toEqual(
      expect.arrayContaining(['fail-on', 'rules', 'sarif', 'schema', 'env-files', 'check-process-env'])
    )
    expect(env).not.toContain('url')
    expect(env).not.toContain('gate')
    const environment = (gate: 'env' | 'rollback') =>
      GATE_INTERFACES[gate].inputs.find(input => input.name === 'environment')!
    expect(environment('env').description).toMatch(/^Environment whose rules apply/)
    expect(environment('rollback').description).toMatch(/^The GitHub environment/)
    expect(environment('rollback').default).toBe('production')
    expect(inputsForGate('env').find(input => input.name === 'check-process-env')!.kind).toBe('boolean')
  })
})

describe('parseCliArgs', () => {
  it('reads --name value, --name=value, bare booleans, --no-<boolean> and repeats', () => {
    const command = parseCliArgs([
      'env',
      '--schema',
      '.env.example',
      '--env-files=.env.staging',
      '--env-files',
      '.env.production',
      '--check-process-env',
      '--no-comment',
      '--json'
    ])
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
    expect(parseCliArgs(['env', '--check-process-env', 'false'])).toMatchObject({
      values: { 'check-process-env': 'false' }
    })
  })

  it('names the flag and suggests the closest input', () => {
    expect(usageError(['env', '--shema', 'x'])).toBe('unknown option --shema; did you mean --schema?')
    expect(usageError(['env', '--env-file', 'x'])).toBe(
      'unknown option --env-file; did you mean --env-files?'
    )
    expect(usageError(['env', '--zzzzzz'])).toBe('unknown option --zzzzzz')
    expect(usageError(['env', '--spec', 'x'])).toBe('--spec is an input of the contract gate, not of env')
    expect(usageError(['env', '--window', '1h'])).toMatch(
      /^--window is an input of the health, metrics(, \w+)* gates, not of env$/
    )
    expect(usageError(['env', '--schema'])).toBe('--schema needs a value')
    expect(usageError(['env', 'stray'])).toBe("unexpected argument 'stray'")
    expect(usageError(['enf'])).toBe(`unknown gate 'enf'; did you mean 'env'? (gates: ${GATES})`)
    expect(usageError([])).toBe('name a gate: deploy-gates <gate> [options]')
  })

  it('answers --help and --version before anything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['env', '--bogus', '-h'])).toEqual({ kind: 'help', gate: 'env' })
    expect(parseCliArgs(['-V'])).toEqual({ kind: 'version' })
  })

  it('applies the action defaults a runner would, except expressions', () => {
    const values = withDefaults({ schema: 's' }, 'env')
    expect(values).toMatchObject({
      schema: 's',
      'fail-on': 'error',
      'working-directory': '.',
      comment: 'true'
    })
    expect(values['github-token']).toBeUndefined()
  })

  it('applies the gate’s own default for an input gates share', () => {
    expect(withDefaults({}, 'metrics')).toMatchObject({ window: '90d', environment: 'production' })
    expect(withDefaults({}, 'health')).toMatchObject({ window: '60s' })
    expect(withDefaults({}, 'env').environment).toBeUndefined()
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
    const help = renderHelp('env')
    expect(help).toContain('usage: deploy-gates env')
    expect(help).toMatch(/--schema <value> +What must be set: a \.env\.example-style file/)
    expect(help).toMatch(/--check-process-env +Also validate the job's own environment/)
    expect(help).toMatch(
      /--fail-on <value> +Lowest finding severity that fails the step: error, warning or never/
    )
    expect(help).not.toContain('--url')
    expect(help).not.toContain('[deployment')
    expect(help).toContain('--rules <value>')
    expect(help).toContain('Exit codes: 0 passed, 1 the gate failed or could not run, 2 usage error.')
    for (const line of [...help.split('\n'), ...renderHelp().split('\n')])
      expect(line.length).toBeLessThanOrEqual(100)
  })
})
