#!/usr/bin/env node
// Release: pins every reference the reusable workflows make to this project (the action, its per-gate actions,
// and a reusable workflow calling another) to a commit SHA, so that a caller pinning `pipeline.yml@<sha>` runs
// exactly the code of that release, never whatever a moving tag like `v1` points to later.
//
//   node scripts/release.mjs release v1.4.0   two commits on HEAD: B pins the action refs to HEAD (A, which holds
//                                             dist/), C pins the workflow-to-workflow refs to B; tag C.
//   node scripts/release.mjs check            exit 1 listing every moving reference (file:line) in the tree
//
// Why two commits: a commit cannot name its own SHA. A's workflows still say `@v1`, so nothing may point into
// A's workflows; B's workflows point only at A's action (immutable), so C's workflows may point at B's.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** `uses:` of the action (`deploy-gates/deploy-gates@ref`) or a per-gate action (`…/actions/<gate>@ref`). */
const ACTION_REF =
  /(uses:\s*['"]?deploy-gates\/deploy-gates(?:\/actions\/[\w-]+)?@)([^\s'"#]+)(['"]?)([ \t]*#[^\n]*)?/g
/** `uses:` of a reusable workflow of this project. */
const WORKFLOW_REF =
  /(uses:\s*['"]?deploy-gates\/deploy-gates\/\.github\/workflows\/[\w.-]+@)([^\s'"#]+)(['"]?)([ \t]*#[^\n]*)?/g
const FULL_SHA = /^[0-9a-f]{40}$/

/** The files a release pins: the reusable workflows and the per-gate action metadata. */
export function releaseFiles(root) {
  const files = []
  const workflows = join(root, '.github', 'workflows')
  if (existsSync(workflows))
    for (const name of readdirSync(workflows).sort())
      if (/\.ya?ml$/.test(name)) files.push(join(workflows, name))
  const actions = join(root, 'actions')
  if (existsSync(actions))
    for (const name of readdirSync(actions).sort()) {
      const file = join(actions, name, 'action.yml')
      if (existsSync(file)) files.push(file)
    }
  return files
}

/** Rewrites the refs one pattern matches to `sha`, with the version as the comment. Returns the text and the count. */
export function pin(text, kind, sha, version) {
  if (!FULL_SHA.test(sha)) throw new Error(`not a full commit SHA: ${sha}`)
  let count = 0
  const pattern = kind === 'action' ? ACTION_REF : WORKFLOW_REF
  const result = text.replace(pattern, (_, head, _ref, quote) => {
    count++
    return `${head}${sha}${quote} # ${version}`
  })
  return { text: result, count }
}

/** Every reference to this project that is not a full commit SHA: `{ line, reference }`. */
export function movingRefs(text) {
  const found = []
  for (const [index, line] of text.split('\n').entries()) {
    const match = /uses:\s*['"]?(deploy-gates\/deploy-gates[^@\s'"]*)@([^\s'"#]+)/.exec(line)
    if (match && !FULL_SHA.test(match[2]))
      found.push({ line: index + 1, reference: `${match[1]}@${match[2]}` })
  }
  return found
}

export function check(root) {
  return releaseFiles(root).flatMap(file =>
    movingRefs(readFileSync(file, 'utf8')).map(ref => `${relative(root, file)}:${ref.line}: ${ref.reference}`)
  )
}

function git(root, ...args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
}

function pinAll(root, kind, sha, version) {
  let total = 0
  const changed = []
  for (const file of releaseFiles(root)) {
    const before = readFileSync(file, 'utf8')
    const { text, count } = pin(before, kind, sha, version)
    if (text !== before) {
      writeFileSync(file, text)
      changed.push(relative(root, file))
    }
    total += count
  }
  return { total, changed }
}

export function release(root, version) {
  if (!/^v\d+\.\d+\.\d+$/.test(version)) throw new Error(`version must look like v1.2.3, got '${version}'`)
  const dirty = git(root, 'status', '--porcelain', '--', ...releaseFiles(root).map(f => relative(root, f)))
  if (dirty) throw new Error(`commit or discard the changes to the release files first:\n${dirty}`)
  const actionCommit = git(root, 'rev-parse', 'HEAD')
  const actions = pinAll(root, 'action', actionCommit, version)
  if (actions.changed.length) {
    git(root, 'add', '--', ...actions.changed)
    git(root, 'commit', '-q', '-m', `Release ${version}: pin the gates to ${actionCommit}`)
  }
  const workflowCommit = git(root, 'rev-parse', 'HEAD')
  const workflows = pinAll(root, 'workflow', workflowCommit, version)
  if (workflows.changed.length) {
    git(root, 'add', '--', ...workflows.changed)
    git(root, 'commit', '-q', '-m', `Release ${version}: pin the nested workflows to ${workflowCommit}`)
  }
  const moving = check(root)
  if (moving.length) throw new Error(`moving references left after pinning:\n${moving.join('\n')}`)
  return {
    actionCommit,
    workflowCommit,
    releaseCommit: git(root, 'rev-parse', 'HEAD'),
    pinned: actions.total + workflows.total
  }
}

function main(argv) {
  const [command, version] = argv
  const root = process.cwd()
  if (command === 'check') {
    const moving = check(root)
    if (moving.length) {
      console.error(`${moving.length} moving reference(s); a release tree pins every one to a commit SHA:`)
      for (const line of moving) console.error(`  ${line}`)
      return 1
    }
    console.log('no moving references: every reference to this project is a commit SHA')
    return 0
  }
  if (command === 'release' && version) {
    const done = release(root, version)
    console.log(
      `pinned ${done.pinned} reference(s): gates → ${done.actionCommit}, nested workflows → ${done.workflowCommit}`
    )
    console.log(
      `tag it: git tag ${version} ${done.releaseCommit} && git tag -f v${version.slice(1).split('.')[0]} ${done.releaseCommit}`
    )
    return 0
  }
  console.error('usage: node scripts/release.mjs release vX.Y.Z | check')
  return 2
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2))
  } catch (error) {
    console.error(`release: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
