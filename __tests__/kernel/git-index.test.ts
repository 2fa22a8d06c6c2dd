// `git ls-files -z -- <paths>` read from the index (src/kernel/git-index.ts) must be git's own answer, byte
// for byte, or no answer at all (then git runs). Every case compares with the real git on a real repository.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { lsFilesFromIndex, parseIndex } from '../../src/kernel/git-index.js'
import { gitRunner } from '../../src/kernel/git.js'
import { git } from '../helpers/git.js'

/** The environment the reader and the runner see: no GIT_* variable that would make them step aside. */
const ENV = { PATH: process.env.PATH ?? '', GIT_CONFIG_NOSYSTEM: '1' }

/** A repository with `files` written; `tracked` of them added and committed (all by default). */
function repository(files: Record<string, string>, tracked = Object.keys(files)): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dg-git-index-'))
  git(dir, 'init', '-q', '-b', 'main')
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  if (tracked.length) {
    git(dir, 'add', '--', ...tracked)
    git(dir, 'commit', '-qm', 'base')
  }
  return dir
}

const FILES = {
  '.env.production': 'A=1\n',
  '.env.staging': 'A=2\n',
  'services/api/.env.production': 'B=1\n',
  'services/api/config/app.yml': 'x: 1\n',
  'services/web/.env': 'C=1\n',
  'docs/naïve café.md': 'ü\n',
  'with space/.env': 'D=1\n'
}
const SPECS = [
  ['.env.production', '.env.staging', '.env.untracked', 'nothing/here'],
  ['services'],
  ['services/'],
  ['services/api/.env.production', 'services/web'],
  ['.'],
  ['docs/naïve café.md', 'with space/.env'],
  ['services/api/.env.production/']
]

function expectSameAsGit(cwd: string, specs: string[]) {
  const fromIndex = lsFilesFromIndex(cwd, specs, ENV)
  expect(fromIndex).toBeDefined()
  expect(fromIndex).toBe(git(cwd, 'ls-files', '-z', '--', ...specs))
}

describe('git ls-files from the index', () => {
  it('lists what git lists, for files, directories and the work tree, from the root', () => {
    const dir = repository({ ...FILES, '.env.untracked': 'X=1\n' }, Object.keys(FILES))
    for (const specs of SPECS) expectSameAsGit(dir, specs)
  })

  it('from a subdirectory: paths relative to it, `..` included, as git prints them', () => {
    const dir = repository(FILES)
    const cwd = path.join(dir, 'services/api')
    for (const specs of [['.env.production'], ['.'], ['../web/.env', '../../.env.staging'], ['config', '..']])
      expectSameAsGit(cwd, specs)
  })

  it('index versions 2, 3 (intent-to-add, skip-worktree) and 4 (prefix-compressed paths)', () => {
    const dir = repository(FILES)
    writeFileSync(path.join(dir, 'added-later.txt'), 'n\n')
    git(dir, 'add', '-N', 'added-later.txt') // an extended entry: the index becomes version 3
    git(dir, 'update-index', '--skip-worktree', 'services/web/.env')
    for (const specs of SPECS) expectSameAsGit(dir, specs)
    expectSameAsGit(dir, ['added-later.txt'])
    git(dir, 'update-index', '--index-version', '4')
    for (const specs of SPECS) expectSameAsGit(dir, specs)
    git(dir, 'update-index', '--index-version', '2')
    git(dir, 'update-index', '--no-skip-worktree', 'services/web/.env')
    git(dir, 'rm', '-q', '--cached', 'added-later.txt')
    for (const specs of SPECS) expectSameAsGit(dir, specs)
  })

  it('the index, not the work tree: staged files count, deleted ones still count until removed from it', () => {
    const dir = repository(FILES)
    writeFileSync(path.join(dir, '.env.new'), 'N=1\n')
    git(dir, 'add', '.env.new')
    rmSync(path.join(dir, '.env.staging'))
    expectSameAsGit(dir, ['.env.new', '.env.staging', '.env.production'])
    expect(lsFilesFromIndex(dir, ['.env.new', '.env.staging'], ENV)).toBe('.env.new\0.env.staging\0')
  })

  it('a thousand files in nested directories, v2 and v4', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 1000; i++) files[`d${i % 7}/e${i % 13}/file-${(i * 7919) % 1000}.env`] = `K=${i}\n`
    const dir = repository(files)
    const specs = ['d3', 'd1/e5/file-5.env', 'd6/e12', 'd0/e0/missing.env']
    expectSameAsGit(dir, specs)
    expectSameAsGit(dir, ['.'])
    git(dir, 'update-index', '--index-version', '4')
    expectSameAsGit(dir, specs)
    expectSameAsGit(dir, ['.'])
  })

  it('a repository nothing was added to yet lists nothing', () => {
    const dir = repository({ '.env': 'A=1\n' }, [])
    expectSameAsGit(dir, ['.env'])
    expect(lsFilesFromIndex(dir, ['.env'], ENV)).toBe('')
  })

  it.each([
    ['a split index', (dir: string) => git(dir, 'update-index', '--split-index')],
    [
      'a sparse index',
      (dir: string) => {
        git(dir, 'sparse-checkout', 'set', '--cone', '--sparse-index', 'services/api')
      }
    ],
    ['core.ignorecase', (dir: string) => git(dir, 'config', 'core.ignorecase', 'true')],
    ['an include in the config', (dir: string) => git(dir, 'config', 'include.path', 'other.config')],
    ['a bare repository flag', (dir: string) => git(dir, 'config', 'core.bare', 'true')]
  ])('%s: no answer, so git runs (and gives its own)', async (_, change) => {
    const dir = repository(FILES)
    change(dir)
    expect(lsFilesFromIndex(dir, ['.env.production', 'services'], ENV)).toBeUndefined()
  })

  it('an unmerged path, SHA-256 object names, a worktree, GIT_DIR, wildcards: no answer either', () => {
    const conflict = repository({ 'a.txt': 'base\n' })
    git(conflict, 'checkout', '-qb', 'other')
    writeFileSync(path.join(conflict, 'a.txt'), 'other\n')
    git(conflict, 'commit', '-qam', 'other')
    git(conflict, 'checkout', '-q', 'main')
    writeFileSync(path.join(conflict, 'a.txt'), 'main\n')
    git(conflict, 'commit', '-qam', 'main')
    expect(() => git(conflict, 'merge', '-q', 'other')).toThrow()
    expect(lsFilesFromIndex(conflict, ['a.txt'], ENV)).toBeUndefined()

    const sha256 = mkdtempSync(path.join(os.tmpdir(), 'dg-git-index-'))
    git(sha256, 'init', '-q', '--object-format=sha256')
    writeFileSync(path.join(sha256, 'a.txt'), 'a\n')
    git(sha256, 'add', 'a.txt')
    expect(lsFilesFromIndex(sha256, ['a.txt'], ENV)).toBeUndefined()

    const main = repository(FILES)
    const worktree = path.join(mkdtempSync(path.join(os.tmpdir(), 'dg-git-index-')), 'wt')
    git(main, 'worktree', 'add', '-q', worktree)
    expect(lsFilesFromIndex(worktree, ['.env.production'], ENV)).toBeUndefined()

    expect(
      lsFilesFromIndex(main, ['.env.production'], { ...ENV, GIT_DIR: path.join(main, '.git') })
    ).toBeUndefined()
    for (const spec of ['.env.*', '*.env', 'services/[aw]*', ':(glob)services/**', 'a\\b', ''])
      expect(lsFilesFromIndex(main, [spec], ENV)).toBeUndefined()
    // Outside the work tree git refuses the pathspec; the reader leaves that to git too.
    expect(lsFilesFromIndex(main, ['../elsewhere'], ENV)).toBeUndefined()
  })

  it('outside any repository: no answer', () => {
    expect(
      lsFilesFromIndex(mkdtempSync(path.join(os.tmpdir(), 'dg-no-repo-')), ['.env'], ENV)
    ).toBeUndefined()
  })

  it('a torn or foreign index is refused, not misread', () => {
    const dir = repository(FILES)
    const index = readFileSync(path.join(dir, '.git/index'))
    expect(parseIndex(index)).toEqual(git(dir, 'ls-files', '-z').split('\0').filter(Boolean))
    for (const cut of [11, 40, 100, index.length - 21, index.length - 1])
      expect(parseIndex(index.subarray(0, cut))).toBeUndefined()
    const wrongVersion = Buffer.from(index)
    wrongVersion.writeUInt32BE(5, 4)
    expect(parseIndex(wrongVersion)).toBeUndefined()
    const moreEntries = Buffer.from(index)
    moreEntries.writeUInt32BE(index.readUInt32BE(8) + 1, 8)
    expect(parseIndex(moreEntries)).toBeUndefined()
    expect(parseIndex(Buffer.from('PACK' + '\0'.repeat(40)))).toBeUndefined()
  })

  it("the kernel's git runner gives the same answer with and without the index reader", async () => {
    const dir = repository({ ...FILES, '.env.untracked': 'X=1\n' }, Object.keys(FILES))
    const run = gitRunner(dir, ENV)
    const args = ['ls-files', '-z', '--', '.env.production', '.env.untracked', 'services']
    expect(await run(args)).toBe(git(dir, ...args))
    // Through git itself (a split index makes the reader step aside).
    git(dir, 'update-index', '--split-index')
    expect(await run(args)).toBe(git(dir, ...args))
  })
})
