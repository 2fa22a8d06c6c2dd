import type { AppliedMigration, MigrationFile } from '../tools/types.js'
import type { RuleId } from '../lint/rules.js'

export interface HistoryIssue {
  rule: RuleId
  message: string
  /** The file it is about, when there is one. */
  file?: string
}

export interface HistoryComparison {
  pending: MigrationFile[]
  issues: HistoryIssue[]
  appliedCount: number
}

/**
 * Compares the files (in the tool's order) with what the history table says was applied:
 * pending, applied-but-missing, failed or dirty, checksum drift, and out-of-order.
 * `addedInChange` are ids of migrations added since the base ref: for pointer-style histories
 * (golang-migrate, Alembic) one that sorts below the current version will never run.
 */
export function compareHistory(
  files: MigrationFile[],
  applied: AppliedMigration[],
  {
    pointer = false,
    addedInChange = new Set<string>()
  }: { pointer?: boolean; addedInChange?: Set<string> } = {}
): HistoryComparison {
  const issues: HistoryIssue[] = []
  const byId = new Map(files.map(file => [file.id, file]))
  const appliedById = new Map(applied.map(row => [row.id, row]))

  for (const row of applied) {
    const file = byId.get(row.id)
    if (!file) {
      issues.push({
        rule: 'applied-migration-missing',
        message: `Migration ${row.label ?? row.id} is applied in the database but missing from the repository.`
      })
    }
    if (row.failed) {
      issues.push({
        rule: 'failed-migration',
        message: `Migration ${file?.name ?? row.label ?? row.id} failed or was left dirty in the database; the deploy would start from a half-applied schema.`,
        file: file?.file
      })
      continue
    }
    if (
      file &&
      row.checksum !== undefined &&
      row.checksum !== '' &&
      file.checksums?.length &&
      !file.checksums.includes(row.checksum)
    ) {
      if (file.repeatable) {
        issues.push({
          rule: 'repeatable-migration-changed',
          message: `Repeatable migration ${file.name} changed since it last ran and will run again.`,
          file: file.file
        })
      } else {
        issues.push({
          rule: 'checksum-mismatch',
          message: `Migration ${file.name} was edited after it was applied: checksum ${file.checksums[0]} in the repository, ${row.checksum} in the database.`,
          file: file.file
        })
      }
    }
  }

  const pending = files.filter(file => !appliedById.has(file.id))
  // Out-of-order: pending, yet ordered before a migration already applied (per group for Django apps).
  const lastApplied = new Map<string, number>()
  files.forEach((file, index) => {
    if (appliedById.has(file.id) && !file.repeatable) lastApplied.set(file.group ?? '', index)
  })
  files.forEach((file, index) => {
    if (appliedById.has(file.id) || file.repeatable) return
    const last = lastApplied.get(file.group ?? '')
    if (last !== undefined && index < last) {
      issues.push({
        rule: 'out-of-order',
        message: `Migration ${file.name} is pending but sorts before ${files[last]!.name}, which is already applied.`,
        file: file.file
      })
    }
  })
  if (pointer) {
    for (const file of files) {
      if (addedInChange.has(file.id) && appliedById.get(file.id)?.inferred) {
        issues.push({
          rule: 'out-of-order',
          message: `Migration ${file.name} is new in this change but sorts below the database's current version: it will never run.`,
          file: file.file
        })
      }
    }
  }
  return { pending, issues, appliedCount: applied.length }
}
