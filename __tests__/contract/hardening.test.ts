/** Issue 10's contract items: no fail-open path, nothing read outside the workspace, one-line errors. */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { commitAll, gitInit, located, runGate, workspace } from './harness.js'

const SPEC = `openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
`

/** A spec whose only schema is a `$ref` to `ref` (line 12). */
const withRef = (ref: string) => `openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json: { schema: { $ref: '${ref}' } }
`

describe('contract gate: a pull request without a readable base fails, never skips the diff', () => {
  const payloads: [string, Record<string, unknown> | null][] = [
    ['no payload (null)', null],
    ['empty payload', {}],
    ['pull_request: null', { pull_request: null }],
    ['no base', { pull_request: {} }],
    ['no base.sha', { pull_request: { base: {} } }],
    ['a numeric sha', { pull_request: { base: { sha: 12 } } }],
    ['an option for a sha', { pull_request: { base: { sha: '--output=x' } } }]
  ]
  it.each(payloads)('%s', async (_name, event) => {
    const dir = workspace({ 'openapi.yaml': SPEC })
    await expect(
      runGate(dir, { spec: 'openapi.yaml' }, { eventName: 'pull_request', event: event as never })
    ).rejects.toThrow(/no pull_request\.base\.sha .*set .*base-spec/)
  })

  it('an explicit base-spec still works on a pull request without a base', async () => {
    const dir = workspace({ 'openapi.yaml': SPEC, 'base.yaml': SPEC })
    const result = await runGate(
      dir,
      { spec: 'openapi.yaml', 'base-spec': 'base.yaml' },
      { eventName: 'pull_request', event: {} }
    )
    expect(result.findings).toEqual([])
    expect(result.scope).toContain('compared with base.yaml')
  })

  it('a push build without a base does no diff (nothing to compare with)', async () => {
    const dir = workspace({ 'openapi.yaml': SPEC })
    const result = await runGate(dir, { spec: 'openapi.yaml' }, { eventName: 'push', event: {} })
    expect(result.findings).toEqual([])
    expect(result.scope).not.toContain('compared')
  })
})

describe('contract gate: base-spec revisions never reach git as options', () => {
  it.each(['--output=../x:openapi.yaml', '-p:openapi.yaml', 'a..b:openapi.yaml', 'main;rm:openapi.yaml'])(
    '%s',
    async value => {
      const dir = workspace({ 'openapi.yaml': SPEC })
      gitInit(dir)
      commitAll(dir)
      await expect(runGate(dir, { spec: 'openapi.yaml', 'base-spec': value })).rejects.toThrow(
        /is not a branch, tag or commit/
      )
    }
  )
})

describe('contract gate: $refs are confined to the workspace', () => {
  const outside = path.join(os.tmpdir(), `contract-outside-${process.pid}.yaml`)
  writeFileSync(outside, 'type: string\n')

  it.each([
    ['a parent directory', `../${path.basename(outside)}`],
    ['an absolute path', outside],
    ['percent-encoded dots', `%2e%2e/${path.basename(outside)}`],
    ['deep parents', '../../../../../../../../etc/hostname'],
    ['a symlinked directory', 'linked/' + path.basename(outside)]
  ])('%s is refused at the $ref line', async (_name, ref) => {
    // The workspace sits directly in tmpdir, so `../name` reaches the planted file.
    const dir = workspace({ 'openapi.yaml': withRef(ref) })
    symlinkSync(os.tmpdir(), path.join(dir, 'linked'))
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual(['ref-outside-workspace openapi.yaml:12'])
    expect(result.findings[0]!.message).toMatch(/leaves the workspace/)
  })

  it('a file symlinked from inside the workspace to outside is refused too', async () => {
    const dir = workspace({ 'openapi.yaml': withRef('schema.yaml') })
    symlinkSync(outside, path.join(dir, 'schema.yaml'))
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual(['ref-outside-workspace openapi.yaml:12'])
  })

  it('the entry spec outside the workspace is a one-line error', async () => {
    const dir = workspace({})
    await expect(runGate(dir, { spec: outside })).rejects.toThrow(/is outside the workspace/)
  })

  it('a subdirectory of the workspace is fine', async () => {
    const dir = workspace({ 'openapi.yaml': withRef('schemas/s.yaml'), 'schemas/s.yaml': 'type: string\n' })
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(result.findings).toEqual([])
  })

  it('a directory named by a $ref is not read', async () => {
    const dir = workspace({ 'openapi.yaml': withRef('schemas') })
    mkdirSync(path.join(dir, 'schemas'))
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual(['dangling-ref openapi.yaml:12'])
    expect(result.findings[0]!.message).toMatch(/is a directory, expected a file/)
  })
})

describe('contract gate: a malformed percent-escape in a $ref is a finding, not a crash', () => {
  it.each(['%', '%zz.yaml', 'a%2.yaml', '%E0%A4%A.yaml', '%C0%80x.yaml', 's.yaml%'])('%s', async ref => {
    const dir = workspace({ 'openapi.yaml': withRef(ref) })
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual(['unsupported-ref openapi.yaml:12'])
    expect(result.findings[0]!.message).toMatch(/malformed percent-escape/)
  })
})

describe('contract gate: bounded YAML and linear-time patterns', () => {
  it('a YAML alias bomb in the spec is refused with a one-line error, quickly', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`
      )
    const dir = workspace({
      'openapi.yaml': SPEC + 'x-bomb:\n' + bomb.map(line => `  ${line}`).join('\n') + '\n'
    })
    const started = Date.now()
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual(['spec-parse-error openapi.yaml:1'])
    expect(result.findings[0]!.message).toMatch(/expands to more than 2,000,000 nodes/)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('a recursive alias is refused', async () => {
    const dir = workspace({ 'openapi.yaml': SPEC + 'x-loop: &loop\n  self: *loop\n' })
    const result = await runGate(dir, { spec: 'openapi.yaml' })
    expect(located(result)).toEqual(['spec-parse-error openapi.yaml:1'])
    expect(result.findings[0]!.message).toMatch(/nests deeper than 256 levels/)
  })
})

describe('contract gate: spec patterns run in linear time', () => {
  it('^(a+)+$ against a long non-matching value does not stall live verification', async () => {
    const { startServer, json } = await import('./harness.js')
    const service = await startServer((_req, res) => json(res, 200, { name: 'a'.repeat(5000) + '!' }))
    try {
      const dir = workspace({
        'openapi.yaml': `openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  name:
                    type: string
                    pattern: '^(a+)+$'
`
      })
      const started = Date.now()
      const result = await runGate(dir, { spec: 'openapi.yaml', 'base-url': service.url })
      expect(Date.now() - started).toBeLessThan(5000)
      expect(located(result)).toEqual(['response-schema-mismatch openapi.yaml:18']) // the pattern line
    } finally {
      await service.close()
    }
  })
})

describe('contract gate: which spec patterns may run on V8', () => {
  it.each([
    ['^[a-z0-9._-]+$', true],
    ['^sha256:[a-f0-9]{64}$', true],
    ['^\\d{4}-\\d{2}-\\d{2}$', true],
    ['^(a+)+$', false],
    ['^(a|a)*$', false],
    ['^\\d+\\d+$', false],
    ['[a-z]+x', false],
    ['^(\\w)\\1$', false],
    ['^a{1,100000}b*$', false],
    ['^(?=a).*$', false],
    // Bounded repeats multiply too: two variable ones backtrack quadratically, so they go to RE2.
    ['^\\d{0,500}\\d{0,500}x$', false]
  ])('%s → V8: %s', async (pattern, native) => {
    // The engine the contract gate's ajv uses decides through the kernel's one proof of linearity.
    const { provablyLinearRegExp } = await import('../../src/kernel/regex-lazy.js')
    expect(provablyLinearRegExp(pattern, 'u') !== undefined).toBe(native)
  })
})
