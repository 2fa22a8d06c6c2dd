// Confined, bounded file reading (src/kernel/files.ts): what every gate's input files go through.
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { FileError } from '../../src/errors.js'
import {
  configureFileAccess,
  confinePath,
  DEFAULT_FILE_LIMITS,
  fileAccessFromInputs,
  parseByteSize,
  readWorkspaceFile,
  readWorkspaceFileSync
} from '../../src/kernel/files.js'
import { mapInputSource } from '../../src/inputs.js'

const scratch: string[] = []
function tree(): { workspace: string; outside: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'kernel-files-'))
  scratch.push(base)
  const workspace = path.join(base, 'workspace')
  const outside = path.join(base, 'outside')
  mkdirSync(workspace)
  mkdirSync(outside)
  writeFileSync(path.join(outside, 'secret.txt'), 'CANARY=outside\n')
  writeFileSync(path.join(workspace, 'ok.env'), 'A=1\n')
  return { workspace, outside }
}
afterEach(() => {
  configureFileAccess({ allowPaths: [] })
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(FileError)
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

describe('confinement', () => {
  it('reads a file inside the workspace', async () => {
    const { workspace } = tree()
    await expect(readWorkspaceFile(workspace, 'ok.env')).resolves.toMatchObject({
      text: 'A=1\n',
      display: 'ok.env'
    })
  })

  it.each([
    ['a ../ path', (outside: string) => path.join('..', path.basename(outside), 'secret.txt')],
    ['an absolute path', (outside: string) => path.join(outside, 'secret.txt')]
  ])('refuses %s that leaves the workspace', (_label, target) => {
    const { workspace, outside } = tree()
    const message = refusal(() => readWorkspaceFileSync(workspace, target(outside)))
    expect(message).toMatch(/is outside the workspace; list its directory in the allow-paths input/)
    expect(message).not.toContain('CANARY')
  })

  it('refuses a symlink (file or directory) pointing outside, and says so', () => {
    const { workspace, outside } = tree()
    symlinkSync(path.join(outside, 'secret.txt'), path.join(workspace, 'linked.env'))
    symlinkSync(outside, path.join(workspace, 'shared'))
    expect(refusal(() => readWorkspaceFileSync(workspace, 'linked.env'))).toBe(
      'linked.env: is outside the workspace (through a symbolic link); list its directory in the allow-paths input to read it'
    )
    expect(refusal(() => readWorkspaceFileSync(workspace, 'shared/secret.txt'))).toMatch(
      /^shared\/secret.txt: is outside/
    )
  })

  it('reads a symlink that stays inside, and a literal %2e%2e name as a file name', () => {
    const { workspace } = tree()
    symlinkSync('ok.env', path.join(workspace, 'alias.env'))
    expect(readWorkspaceFileSync(workspace, 'alias.env').text).toBe('A=1\n')
    expect(refusal(() => readWorkspaceFileSync(workspace, '%2e%2e/outside/secret.txt'))).toMatch(
      /file not found/
    )
  })

  it('allow-paths widens the confinement explicitly', () => {
    const { workspace, outside } = tree()
    configureFileAccess(fileAccessFromInputs(mapInputSource({ 'allow-paths': outside }), workspace, {}))
    expect(readWorkspaceFileSync(workspace, path.join(outside, 'secret.txt')).text).toBe('CANARY=outside\n')
  })

  it('uses GITHUB_WORKSPACE as the root when the working directory is inside it', () => {
    const { workspace } = tree()
    mkdirSync(path.join(workspace, 'app'))
    const previous = process.env.GITHUB_WORKSPACE
    process.env.GITHUB_WORKSPACE = workspace
    try {
      expect(confinePath(path.join(workspace, 'app'), '../ok.env').display).toBe('../ok.env')
    } finally {
      if (previous === undefined) delete process.env.GITHUB_WORKSPACE
      else process.env.GITHUB_WORKSPACE = previous
    }
  })

  it('reports a symlink loop and a missing file in one line', () => {
    const { workspace } = tree()
    symlinkSync('loop-b', path.join(workspace, 'loop-a'))
    symlinkSync('loop-a', path.join(workspace, 'loop-b'))
    expect(refusal(() => readWorkspaceFileSync(workspace, 'loop-a'))).toBe('loop-a: symbolic link loop')
    expect(refusal(() => readWorkspaceFileSync(workspace, 'nope.env'))).toBe('nope.env: file not found')
  })
})

describe('only regular files, bounded before reading', () => {
  it('refuses a FIFO at once instead of blocking', () => {
    const { workspace } = tree()
    execFileSync('mkfifo', [path.join(workspace, 'pipe.env')])
    const started = Date.now()
    expect(refusal(() => readWorkspaceFileSync(workspace, 'pipe.env'))).toBe(
      'pipe.env: is a named pipe (FIFO), expected a regular file'
    )
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('refuses a device and a directory', () => {
    const { workspace } = tree()
    symlinkSync('/dev/zero', path.join(workspace, 'zero.env'))
    configureFileAccess({ allowPaths: ['/dev'] })
    expect(refusal(() => readWorkspaceFileSync(workspace, 'zero.env'))).toBe(
      'zero.env: is a device, expected a regular file'
    )
    mkdirSync(path.join(workspace, 'dir.env'))
    expect(refusal(() => readWorkspaceFileSync(workspace, 'dir.env'))).toBe(
      'dir.env: is a directory, expected a file'
    )
  })

  it('enforces the limit of the kind of file, and max-file-size raises it', () => {
    const { workspace } = tree()
    writeFileSync(path.join(workspace, 'big.env'), 'A='.padEnd(DEFAULT_FILE_LIMITS.env + 10, 'x'))
    expect(refusal(() => readWorkspaceFileSync(workspace, 'big.env', { kind: 'env' }))).toBe(
      'big.env: file is 1.0 MB, larger than the 1 MB limit for env files (raise it with the max-file-size input)'
    )
    configureFileAccess(fileAccessFromInputs(mapInputSource({ 'max-file-size': '2MB' }), workspace, {}))
    expect(readWorkspaceFileSync(workspace, 'big.env', { kind: 'env' }).text.length).toBe(
      DEFAULT_FILE_LIMITS.env + 10
    )
  })

  it('refuses binary text', () => {
    const { workspace } = tree()
    writeFileSync(path.join(workspace, 'bin.env'), Buffer.from([65, 0, 66]))
    expect(refusal(() => readWorkspaceFileSync(workspace, 'bin.env'))).toBe(
      'bin.env: is a binary file, expected text'
    )
  })

  it('parses sizes with units and refuses nonsense naming the input', () => {
    expect(parseByteSize('512KB', 'x')).toBe(512 * 1024)
    expect(parseByteSize('1.5mb', 'x')).toBe(1.5 * 1024 * 1024)
    expect(() => parseByteSize('lots', "input 'max-file-size'")).toThrow(
      "input 'max-file-size' must be a size such as 20MB or 512KB (got 'lots')"
    )
  })
})
