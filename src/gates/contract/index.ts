import { catalog } from './catalog.js'
import * as path from 'node:path'
import { FileError } from '../../errors.js'
import type { Finding, Gate, GateCheck, GateIO, GateResult, ResultSection } from '../../types.js'
import { changelogBlocks } from './changelog.js'
import { breakingChecks, specChecks } from './checks.js'
import { parseContractInputs, type BaseSpecSource, type ContractConfig } from './config.js'
import { applyIgnoreFile, changeFindings, diffSpecs, parseIgnoreFile, type ApiChange } from './diff/index.js'
import { readTextFile } from '../../files.js'
import { listOperations } from './operations.js'
import { fileReader, gitReader } from './reader.js'
import { Spec, specParseErrorFinding } from './spec.js'
import { validateStructure } from './structure.js'
import { validateDocumentSchema } from './document-schema.js'
import { validateSemantics } from './semantics.js'
import { validateExamples } from './examples.js'
import { verifyLive, type LiveResult } from './verify.js'
import { liveBlocks } from './live-summary.js'
import { checkConsumerContracts } from './consumers/index.js'

/**
 * The contract gate: the spec is valid, the change from base to head breaks no client, and the live
 * service answers the way the spec says. Each part runs when its inputs are present.
 */
export const contractGate: Gate<ContractConfig> = {
  name: 'contract',
  title: 'API contract',
  parseInputs: parseContractInputs,
  run: runContractGate
}

async function runContractGate(config: ContractConfig, io: GateIO): Promise<GateResult> {
  const findings: Finding[] = []
  const sections: ResultSection[] = []
  const outputs: Record<string, string> = {
    'breaking-changes': '0',
    violations: '0',
    'operations-checked': '0',
    'consumer-interactions': '0'
  }
  const scope: string[] = []
  const data: Record<string, unknown> = {}
  const checks: GateCheck[] = []
  const result = (): GateResult => ({
    gate: 'contract',
    title: 'API contract',
    findings,
    outputs,
    sections,
    scope: scope.join('; '),
    secrets: config.secrets,
    data,
    checks
  })

  const head = await loadOrFinding(fileReader(io.cwd), path.resolve(io.cwd, config.spec), findings)
  if (!head) {
    scope.push(`${config.spec} (does not parse)`)
    checks.push(...specChecks(config.spec, findings, false))
    return result()
  }
  const validation = validateSpec(head)
  const specProblems = [...head.problems, ...validation.findings]
  findings.push(...specProblems)
  checks.push(...specChecks(head.entry.display, specProblems, true))
  const operations = listOperations(head)
  scope.push(
    `${head.entry.display} (OpenAPI ${String(head.root.openapi)}, ${operations.length} operations${fileCount(head) > 1 ? `, ${fileCount(head)} files` : ''}${validation.examples ? `; ${validation.examples}` : ''})`
  )

  let baseSpec: Spec | undefined
  if (config.base) {
    const compared = await diffAgainstBase(config.base, head, config, io, findings)
    baseSpec = compared?.baseSpec
    const changes = compared?.changes
    if (changes) {
      const breaking = changeFindings(head, changes)
      findings.push(...breaking)
      checks.push(...breakingChecks(config.severities, breaking))
      outputs['breaking-changes'] = String(breaking.length)
      sections.push({
        heading: 'API changelog',
        blocks: changelogBlocks(changes, describeBase(config.base), head.entry.display)
      })
      scope.push(`compared with ${describeBase(config.base)}: ${breaking.length} breaking`)
      data.changes = changes.map(change => ({
        rule: change.rule,
        severity: change.severity,
        operation: change.operation,
        message: change.message,
        head: Spec.pointerText(change.head),
        base: change.base ? Spec.pointerText(change.base) : undefined
      }))
    }
  }

  if (config.consumerContracts.length > 0) {
    const consumers = await checkConsumerContracts(io.cwd, config.consumerContracts, head, baseSpec)
    findings.push(...consumers.findings)
    outputs['consumer-interactions'] = String(consumers.interactions)
    sections.push({ heading: 'Consumer contracts', blocks: consumers.blocks })
    scope.push(`${consumers.interactions} consumer interactions from ${consumers.files.length} files`)
    checks.push(
      ...consumers.files.map(file => ({
        name: `${file.consumer} (${file.file})`,
        group: 'consumer-contracts',
        findings: consumers.findings.filter(f => f.file === file.file)
      }))
    )
  }

  if (config.live) {
    const live: LiveResult = await verifyLive(head, config.live, io)
    findings.push(...live.findings)
    checks.push(...live.operationChecks)
    outputs.violations = String(live.failedResponses)
    outputs['operations-checked'] = String(live.checked)
    sections.push({ heading: 'Live verification', blocks: liveBlocks(live, config.live.baseUrl) })
    scope.push(`${live.checked} operations verified against ${config.live.baseUrl.origin}`)
    data.operations = live.checks
  }
  return result()
}

/**
 * The gate's structural checks (precise messages for what it relies on), then the official schema and the
 * semantic rules; a line the structural checks already explain is not reported twice.
 */
function validateSpec(spec: Spec): { findings: Finding[]; examples: string | undefined } {
  const structural = validateStructure(spec)
  if (structural.some(f => f.rule === 'unsupported-openapi-version'))
    return { findings: structural, examples: undefined }
  const lines = new Set(structural.map(f => `${f.file}:${f.line}`))
  const official = validateDocumentSchema(spec).filter(f => !lines.has(`${f.file}:${f.line}`))
  const examples = validateExamples(spec)
  return {
    findings: [...structural, ...official, ...validateSemantics(spec), ...examples.findings],
    examples:
      examples.skipped > 0
        ? `${examples.checked} examples checked, ${examples.skipped} response examples not (time budget)`
        : undefined
  }
}

/** Loads a spec; a syntax error becomes a finding at its line (the gate fails), anything else is thrown. */
async function loadOrFinding(
  reader: ReturnType<typeof fileReader>,
  id: string,
  findings: Finding[]
): Promise<Spec | undefined> {
  try {
    return await Spec.load(reader, id)
  } catch (error) {
    const parseError = specParseErrorFinding(error)
    if (!parseError) throw error
    findings.push(parseError)
    return undefined
  }
}

async function diffAgainstBase(
  base: BaseSpecSource,
  head: Spec,
  config: ContractConfig,
  io: GateIO,
  findings: Finding[]
): Promise<{ changes: ApiChange[]; baseSpec: Spec } | undefined> {
  const reader = base.kind === 'file' ? fileReader(io.cwd) : gitReader(io.git, base.revision)
  const id = base.kind === 'file' ? path.resolve(io.cwd, base.path) : base.path
  if (base.kind === 'git' && base.implicit && !(await existsInGit(io, base))) {
    findings.push(
      catalog.finding('base-spec-missing', {
        message: `${config.spec} does not exist at the pull request base ${base.revision.slice(0, 12)}: a new spec, nothing to compare`,
        file: head.entry.display,
        line: 1
      })
    )
    return undefined
  }
  const baseSpec = await loadOrFinding(reader, id, findings)
  if (!baseSpec) return undefined
  const unreadable = baseSpec.problems.filter(p => p.rule === 'spec-parse-error' || p.rule === 'dangling-ref')
  for (const problem of unreadable) findings.push({ ...problem, message: `base spec: ${problem.message}` })
  const changes = diffSpecs(baseSpec, head, config.severities, {
    now: io.now(),
    deprecationDays: config.deprecationDays
  })
  for (const level of ['error', 'warning'] as const) {
    const file = config.ignore[level]
    if (!file) continue
    const { text, display } = await readTextFile(io.cwd, file, { maxBytes: 1024 * 1024 })
    applyIgnoreFile(changes, level, parseIgnoreFile(text, display), display)
  }
  return { changes, baseSpec }
}

/** Only a file that is truly absent at the base counts as "new"; any other git failure fails the gate. */
async function existsInGit(io: GateIO, base: { revision: string; path: string }): Promise<boolean> {
  try {
    await io.git(['cat-file', '-e', '--end-of-options', `${base.revision}:${base.path}`])
    return true
  } catch (error) {
    try {
      await io.git(['cat-file', '-e', '--end-of-options', `${base.revision}^{commit}`])
    } catch {
      throw new FileError(
        `the pull request base ${base.revision} is not in this clone: check out with fetch-depth: 0 (${String(error).split('\n')[0]})`,
        base.path
      )
    }
    return false
  }
}

function fileCount(spec: Spec): number {
  return [...spec.files.values()].filter(file => file.root !== undefined).length
}

function describeBase(base: BaseSpecSource): string {
  return base.kind === 'file'
    ? base.path
    : `${base.revision.length === 40 ? base.revision.slice(0, 12) : base.revision}:${base.path}`
}
