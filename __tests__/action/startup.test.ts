// What a run of the env gate loads: start-up is most of its cost (bench/env.mjs), so what it must not load
// is pinned here. node:crypto (~3–5 ms CPU) and node:fs/promises with readline (~1–2 ms) were loaded on every
// run before.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ensureBuilt, NODE24_PATH, runAction } from '../helpers/runner.js'

beforeAll(() => ensureBuilt())

/** Runs the action with a preload that records, at exit, the builtins it loaded and the dist/ files it read. */
async function loadedBy(inputs: Record<string, string>, files: Record<string, string>) {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'dg-startup-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(workspace, name), text)
  const record = path.join(workspace, 'loaded.json')
  const preload = path.join(workspace, 'preload.cjs')
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList)))\n`
  )
  const run = await runAction({
    cwd: workspace,
    node: NODE24_PATH,
    inputs,
    env: { NODE_OPTIONS: `--require ${preload}` }
  })
  const loaded = JSON.parse(readFileSync(record, 'utf8')) as string[]
  return {
    run,
    builtins: loaded.filter(name => name.startsWith('NativeModule ')).map(name => name.slice(13))
  }
}

describe('start-up of the env gate', () => {
  it('passes a valid configuration without loading node:crypto or node:fs/promises', async () => {
    const { run, builtins } = await loadedBy(
      { gate: 'env', schema: '.env.example', 'env-files': '.env.production' },
      { '.env.example': 'PORT=\nAPI_URL=\n', '.env.production': 'PORT=8080\nAPI_URL=https://api.shop.com\n' }
    )
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('passed')
    expect(builtins).toContain('fs') // the preload sees what the run loaded
    expect(builtins).not.toContain('crypto')
    expect(builtins).not.toContain('internal/crypto/keys')
    expect(builtins).not.toContain('fs/promises')
    expect(builtins).not.toContain('internal/fs/promises') // what fs.promises and @actions/core's summary read
    expect(builtins).not.toContain('internal/readline/interface')
    expect(run.summary).toContain('Environment validation') // the job summary is still written
  })
})
