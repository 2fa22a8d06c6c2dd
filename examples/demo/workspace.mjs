/**
 * The demo's repository and build: a scratch git repository holding the example service, one commit per
 * change, and the build stage's immutable artifacts (one directory per build, named by its content digest).
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const SERVICE = fileURLToPath(new URL('../service', import.meta.url))
export const BREAKAGES = fileURLToPath(new URL('../breakages', import.meta.url))
/** What the build ships: the server, its spec and its runtime settings; not migrations, env files or tests. */
const SHIPPED = ['server.mjs', 'openapi.yaml']

export async function createRepository(root) {
  const dir = join(root, 'repo')
  await mkdir(dir, { recursive: true })
  const git = async (...args) => (await run('git', args, { cwd: dir })).stdout.trim()
  await git('init', '--quiet', '--initial-branch=main')
  for (const [key, value] of [
    ['user.name', 'deploy-gates demo'],
    ['user.email', 'demo@deploy-gates.invalid'],
    ['commit.gpgsign', 'false']
  ])
    await git('config', key, value)
  return {
    dir,
    git,
    /** Copies files (a path relative to examples/, or a directory's contents) into the repository and commits. */
    async commit(message, { copy = [], remove = [] } = {}) {
      for (const { from, to = '.' } of copy)
        await cp(from, join(dir, to), { recursive: true, filter: src => !src.endsWith('README.md') })
      for (const file of remove) await rm(join(dir, file), { force: true })
      await git('add', '--all')
      await git('commit', '--quiet', '--allow-empty', '-m', message)
      return git('rev-parse', 'HEAD')
    },
    checkout: ref => git('checkout', '--quiet', '--detach', ref)
  }
}

/**
 * Copies what the service ships into `artifacts/<digest>/` with a release.json (version, runtime settings),
 * and returns the digest of the whole: sha256 over each file's path and content, in sorted order. The same
 * bytes give the same digest, so staging and production provably run the same build.
 */
export async function buildArtifact(repoDir, artifactsDir, { version, runtime = {} }) {
  const files = new Map()
  for (const name of SHIPPED) files.set(name, await readFile(join(repoDir, name)))
  files.set('release.json', Buffer.from(JSON.stringify({ version, runtime }, null, 2) + '\n'))
  const digest = digestOfFiles(files)
  const dir = join(artifactsDir, digest.slice('sha256:'.length, 'sha256:'.length + 16))
  await mkdir(dir, { recursive: true })
  for (const [name, content] of files) await writeFile(join(dir, name), content)
  return { digest, dir, version }
}

/** Recomputes an artifact directory's digest: the deploy refuses an artifact that changed since the build. */
export async function digestOf(dir) {
  const files = new Map()
  for (const name of await readdir(dir)) files.set(name, await readFile(join(dir, name)))
  return digestOfFiles(files)
}

function digestOfFiles(files) {
  const hash = createHash('sha256')
  for (const name of [...files.keys()].sort()) hash.update(`${name}\0`).update(files.get(name)).update('\0')
  return `sha256:${hash.digest('hex')}`
}
