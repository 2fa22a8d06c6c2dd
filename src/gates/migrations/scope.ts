import type { Finding, GateIO } from '../../types.js'
import { changedFiles, defaultBaseRef, resolveBase, type ChangedFiles } from './changed.js'
import { finding } from './lint/lint-file.js'
import type { MigrationFile } from './tools/types.js'

export interface ChangeScope {
  /** The ref compared with ('' = none: every migration is in scope). */
  base: string
  changes?: ChangedFiles
  /** Migrations added or changed since the base (all of them without one). */
  inScope: MigrationFile[]
  findings: Finding[]
}

async function firstChangedLine(io: GateIO, base: string, file: string): Promise<number | undefined> {
  try {
    const diff = await io.git(['diff', '--no-color', '--no-ext-diff', '-U0', base, '--', file])
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/m.exec(diff)
    return hunk ? Math.max(1, Number(hunk[1])) : undefined
  } catch {
    return undefined
  }
}

/**
 * What this change touches: the migrations added or edited since the base ref (the input, else the pull
 * request's base), with an edited or deleted migration reported as such. Without a base, everything.
 */
export async function changeScope(
  io: GateIO,
  baseRef: string,
  files: MigrationFile[],
  directory: string
): Promise<ChangeScope> {
  const requested = baseRef || defaultBaseRef(io)
  if (!requested) return { base: '', inScope: files, findings: [] }
  const findings: Finding[] = []
  const resolved = await resolveBase(io, requested)
  if (resolved.unreachable) {
    findings.push(
      finding(
        'base-ref-unreachable',
        `Base ${resolved.unreachable} is not in this clone (rewritten by a force-push, or not fetched): compared with the merge base of ${resolved.base} instead.`
      )
    )
  }
  const { base } = resolved
  const changes = await changedFiles(io, resolved, directory)
  const touched = (file: MigrationFile): boolean =>
    [file.file, ...(file.relatedFiles ?? [])].some(f => changes.added.has(f) || changes.modified.has(f))
  for (const file of files) {
    if (!changes.modified.has(file.file)) continue
    const line = await firstChangedLine(io, resolved.mergeBase, file.file)
    findings.push(
      finding(
        'edited-migration',
        `Migration ${file.name} exists on ${base} and was modified in this change.`,
        {
          file: file.file,
          line: line ?? 1
        }
      )
    )
  }
  for (const removed of changes.deleted) {
    findings.push(
      finding(
        'removed-migration',
        `Migration file ${removed} exists on ${base} and was deleted in this change.`,
        {
          file: removed
        }
      )
    )
  }
  return { base, changes, inScope: files.filter(touched), findings }
}

/** Two migrations the tool would give the same version: it refuses them, or runs only one. */
export function duplicateVersions(toolName: string, files: MigrationFile[]): Finding[] {
  const byId = new Map<string, MigrationFile>()
  const findings: Finding[] = []
  for (const file of files) {
    if (file.repeatable) continue
    const first = byId.get(file.id)
    if (!first) {
      byId.set(file.id, file)
      continue
    }
    findings.push(
      finding(
        'duplicate-version',
        `Migrations ${first.name} and ${file.name} have the same version ${file.id}: ${toolName} refuses to run (or runs only one of them).`,
        { file: file.file, line: 1 }
      )
    )
  }
  return findings
}
