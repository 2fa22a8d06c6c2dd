import * as path from 'node:path'
import { UserError } from '../../../errors.js'
import { anyFileContains, listFiles, readMigration, str } from './common.js'
import { readCodeMigration } from './code-migrations.js'
import { embeddedSql } from './embedded-sql.js'
import type { AppliedMigration, MigrationFile, ToolAdapter } from './types.js'

const REVISION = /^revision(?:\s*:\s*[\w[\], |]+)?\s*=\s*['"]([^'"]+)['"]/m
const DOWN_REVISION =
  /^down_revision(?:\s*:\s*[\w[\], |.]+)?\s*=\s*(None|['"][^'"]*['"]|\([^)]*\)|\[[^\]]*\])/m

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text)
  return match ? text.slice(0, match.index).split('\n').length : 1
}

interface AlembicFile extends MigrationFile {
  parents: string[]
}

/**
 * Alembic: `alembic/versions/*.py`, each with `revision` and `down_revision`; the order is the revision
 * graph, not the file names. `alembic_version(version_num varchar(32) primary key)` holds only the current
 * head(s): every ancestor of a head is applied. `op.execute` SQL is linted; `downgrade()` that is only
 * `pass` counts as no down migration.
 */
export const alembic: ToolAdapter = {
  name: 'alembic',
  defaultDirs: ['alembic/versions', 'migrations/versions'],
  pointer: true,
  async detect(directory) {
    return (await anyFileContains(directory, /\.py$/, /^down_revision/m)) ? 3 : 0
  },
  async list(directory, cwd, issues) {
    const byRevision = new Map<string, AlembicFile>()
    for (const name of await listFiles(directory, /\.py$/)) {
      const { text, file } = await readMigration(cwd, path.join(directory, name))
      const revision = REVISION.exec(text)?.[1]
      if (!revision) continue
      const down = DOWN_REVISION.exec(text)?.[1] ?? 'None'
      const parents = [...down.matchAll(/['"]([^'"]+)['"]/g)].map(m => m[1]!)
      const downgrade = /def\s+downgrade\s*\([^)]*\)[^:]*:\s*\n((?:[ \t]+.*\n?|\s*\n)*)/.exec(text)?.[1] ?? ''
      const downBody = downgrade
        .replace(/#.*$/gm, '')
        .replace(/("""|''')[\s\S]*?\1/g, '')
        .trim()
      const previous = byRevision.get(revision)
      if (previous) {
        issues.push({
          rule: 'duplicate-version',
          message: `Revision ${revision} is declared by both ${previous.file} and ${file}: Alembic refuses to load the revision graph.`,
          file,
          line: lineOf(text, REVISION)
        })
        continue
      }
      byRevision.set(revision, {
        id: revision,
        name: name.replace(/\.py$/, ''),
        file,
        text,
        sql: embeddedSql(text, ['op.execute']),
        code: readCodeMigration(text, 'alembic'),
        hasDown: downBody !== '' && downBody !== 'pass',
        transaction: 'wrapped',
        parents
      })
    }
    // Topological order: a revision after its parents (ties by revision id, so the order is stable).
    const ordered: AlembicFile[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: AlembicFile): void => {
      if (state.get(file.id) === 'done') return
      if (state.get(file.id) === 'visiting')
        throw new UserError(`${file.file}: alembic revision graph has a cycle at ${file.id}`)
      state.set(file.id, 'visiting')
      for (const parent of file.parents) {
        const p = byRevision.get(parent)
        if (p) visit(p)
      }
      state.set(file.id, 'done')
      ordered.push(file)
    }
    for (const file of [...byRevision.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) visit(file)
    return ordered
  },
  validate(files) {
    // Branch labels mean several heads on purpose (`alembic upgrade heads`).
    if (files.some(file => /^branch_labels\s*(?::[^=]+)?=\s*(?!None\b)\S/m.test(file.text))) return []
    const parents = new Set((files as AlembicFile[]).flatMap(file => file.parents))
    const heads = files.filter(file => !parents.has(file.id))
    if (heads.length <= 1) return []
    const names = heads.map(head => head.id).join(', ')
    return heads.map(head => ({
      rule: 'multiple-heads' as const,
      message: `The revision graph has ${heads.length} heads (${names}): \`alembic upgrade head\` refuses to run until one revises the other or they are merged (\`alembic merge heads\`).`,
      file: head.file,
      line: lineOf(head.text, DOWN_REVISION)
    }))
  },
  table: { name: 'alembic_version', columns: ['version_num'] },
  select: table => `SELECT version_num FROM ${table}`,
  applied(rows, files) {
    const byId = new Map(files.map(f => [f.id, f as AlembicFile]))
    const applied = new Map<string, AppliedMigration>()
    const walk = (id: string): void => {
      if (applied.has(id)) return
      applied.set(id, { id, failed: false })
      for (const parent of byId.get(id)?.parents ?? []) walk(parent)
    }
    for (const row of rows) walk(str(row.version_num))
    return [...applied.values()]
  }
}
