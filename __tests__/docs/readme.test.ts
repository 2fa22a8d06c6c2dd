// The README is what a newcomer reads first: short, its commands the ones that work, its links alive.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { GATE_NAMES } from '../../src/types.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8')

describe('README', () => {
  it('stays under 40 KB: the reference lives in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(40 * 1024)
  })

  it('opens with the two commands that work on a fresh machine, the test one being what CI runs', () => {
    const opening = readme.slice(0, readme.indexOf('<!-- section:quickstart -->'))
    expect(opening).toContain('npm ci && npm run demo')
    expect(opening).toContain('npm ci && npm test')
    expect(ci).toMatch(/^npm test$/m)
    expect(ci).toMatch(/^npm ci\b/m)
  })

  it('shows one snippet per gate, using its own action', () => {
    for (const gate of GATE_NAMES)
      expect(readme).toContain(`uses: deploy-gates/deploy-gates/actions/${gate}@v1`)
  })

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map(match => match[1]!)
      .filter(link => !/^[a-z]+:/.test(link))
    expect(links.length).toBeGreaterThan(10)
    const missing = links.filter(link => !existsSync(path.join(ROOT, link)))
    expect(missing).toEqual([])
  })
})
