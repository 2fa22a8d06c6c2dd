// dist/ ships third-party code; its licences ship with it (dist/THIRD-PARTY-NOTICES, written by the build).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { ensureBuilt } from '../helpers/runner.js'
// @ts-expect-error: a plain .mjs build script, no declarations
import { shippedPackages } from '../../scripts/third-party-notices.mjs'

const ROOT = path.resolve(import.meta.dirname, '../..')
const version = (pkg: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version as string

beforeAll(() => ensureBuilt())

describe('third-party notices', () => {
  it('finds the innermost package of every bundled input, scoped or nested, and skips empty ones', () => {
    const metafile = {
      outputs: {
        'dist/a.js': {
          inputs: {
            'node_modules/js-yaml/dist/js-yaml.mjs': { bytesInOutput: 10 },
            'node_modules/@octokit/core/dist-src/index.js': { bytesInOutput: 5 },
            'node_modules/pg/node_modules/pg-types/index.js': { bytesInOutput: 1 },
            'node_modules/tree-shaken/index.js': { bytesInOutput: 0 },
            'src/main.ts': { bytesInOutput: 100 }
          }
        }
      }
    }
    expect(shippedPackages(metafile, ['node_modules/libpg-query']).sort()).toEqual([
      'node_modules/@octokit/core',
      'node_modules/js-yaml',
      'node_modules/libpg-query',
      'node_modules/pg/node_modules/pg-types'
    ])
  })

  it('ships the licence text of what dist/ bundles, with exact versions', () => {
    const notices = readFileSync(path.join(ROOT, 'dist/THIRD-PARTY-NOTICES'), 'utf8')
    for (const pkg of ['js-yaml', 'ajv', '@actions/core', 'libpg-query'])
      expect(notices).toContain(`${pkg}@${version(pkg)} (`)
    // js-yaml's own licence text, not only its name
    expect(notices).toContain(readFileSync(path.join(ROOT, 'node_modules/js-yaml/LICENSE'), 'utf8').trim())
    // dev-only tools are not shipped, so not listed
    expect(notices).not.toContain('jest@')
    expect(notices).not.toContain('typescript@')
  })
})
