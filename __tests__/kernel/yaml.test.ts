// The one YAML loader: alias expansion and depth bounded (src/kernel/yaml.ts).
import { describe, expect, it } from '@jest/globals'
import { FileError } from '../../src/errors.js'
import { checkDocumentBounds, loadYaml } from '../../src/kernel/yaml.js'

function bomb(levels: number, fanout = 9): string {
  let text = `a0: &a0 [${Array(fanout).fill('lol').join(', ')}]\n`
  for (let i = 1; i < levels; i++)
    text += `a${i}: &a${i} [${Array(fanout)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`
  return text
}

describe('loadYaml', () => {
  it('loads an ordinary document, aliases included', () => {
    expect(loadYaml('base: &b {x: 1}\nother: *b\nlist: [1, 2]\n', { file: 'f.yml' })).toEqual({
      base: { x: 1 },
      other: { x: 1 },
      list: [1, 2]
    })
  })

  it('refuses a 1 KB alias bomb quickly, with a one-line error', () => {
    const text = bomb(10)
    expect(text.length).toBeLessThan(1024)
    const started = performance.now()
    expect(() => loadYaml(text, { file: 'spec.yaml' })).toThrow(
      'spec.yaml:1: the document expands to more than 2,000,000 nodes (YAML aliases that repeat large parts?)'
    )
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('accepts a moderate expansion below the limit', () => {
    expect(() => loadYaml(bomb(5), { file: 'f.yml' })).not.toThrow()
  })

  it('refuses a recursive alias and deep nesting', () => {
    expect(() => loadYaml('a: &a [*a]\n', { file: 'f.yml' })).toThrow(/nests deeper than 256 levels/)
    expect(() => loadYaml(`${'['.repeat(5000)}${']'.repeat(5000)}`, { file: 'f.yml' })).toThrow(FileError)
  })

  it('reports a syntax error at its line and column', () => {
    expect(() => loadYaml('a: 1\nb: [\n', { file: 'f.yml' })).toThrow(/^f\.yml:3:1: not valid YAML: /)
  })
})

describe('checkDocumentBounds', () => {
  it('checks parsed JSON: deep nesting, without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown
    expect(() => checkDocumentBounds(deep, { file: 'spec.json' })).toThrow(
      'spec.json:1: the document nests deeper than 256 levels (a recursive alias?)'
    )
  })
})
