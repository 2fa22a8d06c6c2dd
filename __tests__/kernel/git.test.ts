// The git runner never lets user input become an option (src/kernel/git.ts), against a real repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { checkGitArguments, gitRunner, readFileAtCommit, resolveCommit } from '../../src/kernel/git.js'

let repo = ''
let head = ''
beforeAll(() => {
  repo = mkdtempSync(path.join(os.tmpdir(), 'kernel-git-'))
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' })
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 't@example.com')
  git('config', 'user.name', 't')
  writeFileSync(path.join(repo, 'openapi.yaml'), 'openapi: 3.1.0\n')
  git('add', 'openapi.yaml')
  git('commit', '-qm', 'spec')
  head = git('rev-parse', 'HEAD').trim()
})
afterAll(() => rmSync(repo, { recursive: true, force: true }))

describe('checkGitArguments', () => {
  it.each(['--output=../x:openapi.yaml', '-ofile', '--upload-pack=touch /tmp/pwned', '-c', '--exec=sh'])(
    'refuses user text %s in option position',
    arg => {
      expect(() => checkGitArguments(['show', arg])).toThrow(
        /starts with '-' and would be read by git as an option/
      )
    }
  )
  it('allows the fixed options the gates use, and anything after -- or --end-of-options', () => {
    expect(() =>
      checkGitArguments(['diff', '--name-status', '-U0', 'abc', '--', '-weird-path'])
    ).not.toThrow()
    expect(() => checkGitArguments(['cat-file', '-e', '--end-of-options', '--output=x:y'])).not.toThrow()
  })
})

describe('runner and helpers', () => {
  it('base-spec --output=../x:openapi.yaml writes no file', async () => {
    const git = gitRunner(repo)
    const target = path.join(path.dirname(repo), 'x')
    await expect(git(['show', '--output=../x:openapi.yaml'])).rejects.toThrow(
      /would be read by git as an option/
    )
    expect(existsSync(target)).toBe(false)
    await expect(resolveCommit(git, '--output=../x', "input 'base-spec'")).rejects.toThrow(
      "input 'base-spec': '--output=../x' is not a commit in this clone"
    )
    expect(existsSync(target)).toBe(false)
  })

  it('resolves a ref to its full hash and reads a file at it', async () => {
    const git = gitRunner(repo)
    expect(await resolveCommit(git, 'main', 'base')).toBe(head)
    expect(await readFileAtCommit(git, head, 'openapi.yaml')).toBe('openapi: 3.1.0\n')
    expect(await readFileAtCommit(git, head, 'missing.yaml')).toBeUndefined()
  })

  it('refuses refs that are not commits, with a short quote', async () => {
    const git = gitRunner(repo)
    await expect(resolveCommit(git, 'no-such-branch', 'base-ref')).rejects.toThrow(
      /'no-such-branch' is not a commit/
    )
    await expect(resolveCommit(git, `${'a'.repeat(5000)}`, 'base-ref')).rejects.toThrow(
      /more characters\) is not a commit/
    )
    await expect(resolveCommit(git, 'main\n--output=x', 'base-ref')).rejects.toThrow(/is not a valid git ref/)
  })

  it('outside a repository fails without starting git', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'kernel-nogit-'))
    try {
      await expect(gitRunner(outside, {})(['status'])).rejects.toThrow(/not a git repository/)
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})
