/**
 * Consumer contracts (`consumer-contracts`: Pact v2/v3/v4 files, WireMock mappings, HAR recordings, by
 * path or glob) checked against the provider's spec. With a base spec too, an interaction that passes at
 * the base and fails at the head is `consumer-broken-by-change`: the pull request breaks that consumer.
 */
import { readdirSync } from 'node:fs'
import * as path from 'node:path'
import { FileError } from '../../../errors.js'
import { confinePath, readTextFile } from '../../../files.js'
import type { Finding, ResultBlock } from '../../../types.js'
import { catalog } from '../catalog.js'
import { parseSpecFile } from '../spec-file.js'
import type { Spec } from '../spec.js'
import { ContractChecker, consumerFinding, type ConsumerProblem } from './check.js'
import { detectFormat, readInteractions, type ContractFormat } from './formats.js'
import type { Interaction } from './interaction.js'

/** Files a glob may match before the gate refuses (a pattern that walks the whole disk is a mistake). */
export const MAX_CONTRACT_FILES = 2000
const MAX_WALK_ENTRIES = 100_000
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git'])

export interface ConsumerResult {
  findings: Finding[]
  blocks: ResultBlock[]
  interactions: number
  files: { file: string; format: ContractFormat; consumer: string; interactions: number; failing: number }[]
}

export async function checkConsumerContracts(
  cwd: string,
  patterns: string[],
  head: Spec,
  base: Spec | undefined
): Promise<ConsumerResult> {
  const files = expandPatterns(cwd, patterns)
  const findings: Finding[] = []
  const summary: ConsumerResult['files'] = []
  const headChecker = new ContractChecker(head)
  const baseChecker = base ? new ContractChecker(base) : undefined
  let total = 0
  for (const file of files) {
    const { text, display } = await readTextFile(cwd, file, { kind: 'input' })
    let interactions: Interaction[]
    let format: ContractFormat
    try {
      const parsed = parseSpecFile(path.resolve(cwd, file), display, text)
      format = detectFormat(parsed)
      interactions = readInteractions(parsed, format)
    } catch (error) {
      if (!(error instanceof FileError)) throw error
      findings.push(
        catalog.finding('consumer-contract-invalid', {
          message: error.message,
          file: error.file,
          line: error.line ?? 1,
          ...(error.column ? { column: error.column } : {})
        })
      )
      continue
    }
    total += interactions.length
    let failing = 0
    for (const interaction of interactions) {
      const problems = headChecker.check(interaction)
      if (problems.some(p => (p.severity ?? 'error') === 'error')) failing++
      const atBase = baseChecker ? new Set(baseChecker.check(interaction).map(p => p.key)) : undefined
      for (const problem of problems) findings.push(toFinding(head, problem, atBase))
    }
    summary.push({
      file: display,
      format,
      consumer: interactions[0]?.consumer ?? display,
      interactions: interactions.length,
      failing
    })
  }
  return { findings, blocks: blocks(summary, total), interactions: total, files: summary }
}

/** A problem the base spec did not have is what this change does to the consumer. */
function toFinding(head: Spec, problem: ConsumerProblem, atBase: Set<string> | undefined): Finding {
  if (atBase && !atBase.has(problem.key) && (problem.severity ?? 'error') === 'error')
    return consumerFinding(
      head,
      problem,
      'consumer-broken-by-change',
      `this change breaks a known consumer: `
    )
  return consumerFinding(head, problem)
}

function blocks(files: ConsumerResult['files'], total: number): ResultBlock[] {
  if (files.length === 0) return [{ kind: 'text', text: 'No consumer contract files matched.' }]
  return [
    {
      kind: 'text',
      text: `${total} interactions of ${files.length} contract files checked against the spec.`
    },
    {
      kind: 'table',
      columns: ['Consumer', 'File', 'Format', 'Interactions', 'Failing'],
      rows: files.map(f => [f.consumer, f.file, f.format, String(f.interactions), String(f.failing)])
    }
  ]
}

/** Paths and globs (`*`, `**`, `?`) under the workspace; each entry must match something. */
export function expandPatterns(cwd: string, patterns: string[]): string[] {
  const found = new Set<string>()
  for (const pattern of patterns) {
    if (!/[*?[]/.test(pattern)) {
      confinePath(cwd, pattern)
      found.add(pattern)
      continue
    }
    const parts = pattern.split('/')
    const staticParts: string[] = []
    for (const part of parts) {
      if (/[*?[]/.test(part)) break
      staticParts.push(part)
    }
    const root = staticParts.join('/') || '.'
    try {
      confinePath(cwd, root)
    } catch (error) {
      if (error instanceof FileError && /file not found/.test(error.message))
        throw new FileError('the glob matches no file', pattern)
      throw error
    }
    const matcher = globToRegExp(pattern.replace(/^\.\//, ''))
    let walked = 0
    const matched: string[] = []
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(cwd, dir), { withFileTypes: true })) {
        if (++walked > MAX_WALK_ENTRIES)
          throw new FileError(`the glob walks more than ${MAX_WALK_ENTRIES} entries; narrow it`, pattern)
        const relative = dir === '.' ? entry.name : `${dir}/${entry.name}`
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(relative)
        } else if (entry.isFile() && matcher.test(relative)) matched.push(relative)
      }
    }
    walk(root.replace(/^\.\//, '') || '.')
    if (matched.length === 0) throw new FileError('the glob matches no file', pattern)
    for (const file of matched.sort()) found.add(file)
    if (found.size > MAX_CONTRACT_FILES)
      throw new FileError(`matches more than ${MAX_CONTRACT_FILES} contract files`, pattern)
  }
  return [...found]
}

function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!
    if (char === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*'
      i += glob[i + 2] === '/' ? 2 : 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}
