import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ROOT } from './workflow-files.js'

const SCRIPT = join(ROOT, 'scripts', 'release.mjs')
const { check, movingRefs, pin } = (await import(SCRIPT)) as {
  check(root: string): string[]
  movingRefs(text: string): { line: number; reference: string }[]
  pin(
    text: string,
    kind: 'action' | 'workflow',
    sha: string,
    version: string
  ): { text: string; count: number }
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t'
    }
  }).trim()

/** A repository holding this project's reusable workflows and an action, as a release starts from. */
function releaseRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-gates-release-'))
  git(dir, 'init', '-q', '-b', 'main')
  cpSync(join(ROOT, '.github', 'workflows'), join(dir, '.github', 'workflows'), { recursive: true })
  writeFileSync(
    join(dir, 'action.yml'),
    'name: deploy-gates\nruns:\n  using: node24\n  main: dist/index.js\n'
  )
  cpSync(join(ROOT, 'actions'), join(dir, 'actions'), { recursive: true })
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'index.js'), '// bundle\n')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'code')
  return dir
}

// Defect 5: 22 `deploy-gates/deploy-gates@v1` references inside the reusable workflows moved with the tag.
describe('the release script', () => {
  it('finds the moving references in the tree as it is between releases', () => {
    const moving = check(ROOT)
    expect(moving.length).toBeGreaterThanOrEqual(22)
    expect(moving).toContainEqual(
      expect.stringMatching(
        /^\.github\/workflows\/pipeline\.yml:\d+: deploy-gates\/deploy-gates\/actions\/deployment@v1$/
      )
    )
    expect(moving).toContainEqual(
      expect.stringMatching(
        /^\.github\/workflows\/drill\.yml:\d+: deploy-gates\/deploy-gates\/\.github\/workflows\/rollback\.yml@v1$/
      )
    )
    const run = spawnSync(process.execPath, [SCRIPT, 'check'], { cwd: ROOT, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('moving reference(s)')
  })

  it('makes a release tree with no moving references: the gates pinned to the code commit, nested workflows to the commit that pinned them', () => {
    const dir = releaseRepo()
    const code = git(dir, 'rev-parse', 'HEAD')
    const before = check(dir).length
    const run = spawnSync(process.execPath, [SCRIPT, 'release', 'v1.4.0'], { cwd: dir, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(check(dir)).toEqual([])
    expect(spawnSync(process.execPath, [SCRIPT, 'check'], { cwd: dir }).status).toBe(0)

    const commits = git(dir, 'rev-list', `${code}..HEAD`).split('\n')
    expect(commits).toHaveLength(2)
    const [release, pinned] = commits as [string, string]
    expect(run.stdout).toContain(
      `pinned ${before} reference(s): gates → ${code}, nested workflows → ${pinned}`
    )
    const pipeline = git(dir, 'show', `${release}:.github/workflows/pipeline.yml`)
    expect(pipeline).toContain(`uses: deploy-gates/deploy-gates/actions/deployment@${code} # v1.4.0`)
    expect(pipeline).not.toMatch(/uses: deploy-gates\/deploy-gates[\w/-]*@v1/)
    // The nested reference points at a commit whose rollback.yml is itself fully pinned: immutable all the way.
    const drill = git(dir, 'show', `${release}:.github/workflows/drill.yml`)
    expect(drill).toContain(
      `uses: deploy-gates/deploy-gates/.github/workflows/rollback.yml@${pinned} # v1.4.0`
    )
    expect(movingRefs(git(dir, 'show', `${pinned}:.github/workflows/rollback.yml`))).toEqual([])
    // The pinned action commit holds the action the references run.
    expect(git(dir, 'show', `${code}:action.yml`)).toContain('using: node24')
    expect(git(dir, 'show', `${code}:actions/deployment/action.yml`)).toContain('using: node24')
  })

  it('refuses a version that is not vX.Y.Z, and a tree with uncommitted workflow changes', () => {
    const dir = releaseRepo()
    expect(
      spawnSync(process.execPath, [SCRIPT, 'release', '1.4'], { cwd: dir, encoding: 'utf8' }).stderr
    ).toContain("version must look like v1.2.3, got '1.4'")
    writeFileSync(join(dir, '.github', 'workflows', 'pipeline.yml'), 'changed\n')
    const run = spawnSync(process.execPath, [SCRIPT, 'release', 'v1.4.0'], { cwd: dir, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('commit or discard the changes to the release files first')
  })

  it('pins per-gate action references and replaces an existing comment', () => {
    const sha = 'a'.repeat(40)
    const { text, count } = pin(
      "      - uses: deploy-gates/deploy-gates/actions/env@v1 # old\n      - uses: 'deploy-gates/deploy-gates@main'\n      - uses: actions/checkout@v7\n",
      'action',
      sha,
      'v2.0.0'
    )
    expect(count).toBe(2)
    expect(text).toBe(
      `      - uses: deploy-gates/deploy-gates/actions/env@${sha} # v2.0.0\n      - uses: 'deploy-gates/deploy-gates@${sha}' # v2.0.0\n      - uses: actions/checkout@v7\n`
    )
    expect(() => pin('', 'action', 'abc', 'v1.0.0')).toThrow('not a full commit SHA: abc')
  })
})
