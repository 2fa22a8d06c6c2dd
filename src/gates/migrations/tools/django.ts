import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { anyFileContains, listFiles, readMigration, str, walkFiles } from './common.js'
import { readCodeMigration } from './code-migrations.js'
import { embeddedSql } from './embedded-sql.js'
import type { AppliedMigration, MigrationFile, ToolAdapter } from './types.js'

const FILE = /^(\d{4})_(.+)\.py$/
const MARKER = /migrations\.Migration\b/
/** `<app>/migrations/0001_x.py` at most this many folders below `migrations-dir` (saleor/account/migrations…). */
const APP_DEPTH = 3

interface DjangoFile extends MigrationFile {
  /** Ids (`app.name`) this squashed migration replaces. */
  replaces: string[]
  /** Ids (`app.name`) of the migrations it depends on. */
  dependencies: string[]
}

/** The app label: `label = '…'` in the app's apps.py, else the app folder's name (Django's default). */
async function appLabel(appDir: string): Promise<string> {
  try {
    const text = await fs.readFile(path.join(appDir, 'apps.py'), 'utf8')
    const label = /^\s+label\s*=\s*['"](\w+)['"]/m.exec(text)
    if (label) return label[1]!
  } catch {
    // no apps.py: the default label
  }
  return path.basename(appDir)
}

/** Every `migrations` folder holding Django migrations below `directory` (or `directory` itself). */
async function migrationFolders(directory: string): Promise<string[]> {
  if ((await listFiles(directory, FILE)).length > 0) return [directory]
  const files = await walkFiles(directory, FILE, { maxDepth: APP_DEPTH, maxFiles: 50_000 })
  const folders = new Set<string>()
  for (const file of files) {
    const dir = path.posix.dirname(file)
    if (path.posix.basename(dir) === 'migrations') folders.add(dir)
  }
  return [...folders].sort().map(dir => path.join(directory, dir))
}

/**
 * Django: `<app>/migrations/0001_<name>.py` per app, ordered by number within the app;
 * `django_migrations(id, app, name, applied)` records (app, name). `migrations-dir` is the project root
 * (apps below it, also under a project package as in saleor, netbox or cookiecutter-django) or one app's
 * `migrations` folder. RunSQL SQL is linted. Migrations are atomic unless the class sets `atomic = False`.
 * Rows of apps the repository has no migrations for (django.contrib, third-party packages) are not the
 * repository's history; rows of migrations a squash `replaces` count for the squash.
 */
export const django: ToolAdapter = {
  name: 'django',
  defaultDirs: ['.'],
  async detect(directory) {
    for (const folder of (await migrationFolders(directory)).slice(0, 5))
      if (await anyFileContains(folder, FILE, MARKER)) return 3
    return 0
  },
  async list(directory, cwd) {
    const files: DjangoFile[] = []
    for (const dir of await migrationFolders(directory)) {
      const app = await appLabel(path.dirname(path.resolve(dir)))
      for (const name of await listFiles(dir, FILE)) {
        const { text, file } = await readMigration(cwd, path.join(dir, name))
        const migration = name.replace(/\.py$/, '')
        const replacesList = /^\s+replaces\s*=\s*\[([\s\S]*?)\]/m.exec(text)?.[1] ?? ''
        const replaces = [...replacesList.matchAll(/\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*\)/g)].map(
          m => `${m[1]}.${m[2]}`
        )
        const dependencyList = /^\s+dependencies\s*=\s*\[([\s\S]*?)^\s*\]/m.exec(text)?.[1] ?? ''
        const dependencies = [...dependencyList.matchAll(/\(\s*['"](\w+)['"]\s*,\s*['"](\w+)['"]\s*\)/g)].map(
          m => `${m[1]}.${m[2]}`
        )
        files.push({
          id: `${app}.${migration}`,
          name: `${app}.${migration}`,
          file,
          text,
          sql: embeddedSql(text, ['migrations.RunSQL', 'RunSQL']),
          code: readCodeMigration(text, 'django', { app }),
          transaction: /atomic\s*=\s*False/.test(text) ? 'none' : 'wrapped',
          group: app,
          replaces,
          dependencies
        })
      }
    }
    return files
  },
  validate(files) {
    // Django refuses to migrate an app whose graph has two leaves ("Conflicting migrations detected").
    const all = files as DjangoFile[]
    const dependedOn = new Set(all.flatMap(file => [...file.dependencies, ...file.replaces]))
    const issues = []
    for (const app of new Set(all.map(file => file.group))) {
      const leaves = all.filter(
        file => file.group === app && !dependedOn.has(file.id) && !file.replaces.length
      )
      if (leaves.length <= 1) continue
      const names = leaves.map(leaf => leaf.name).join(', ')
      for (const leaf of leaves)
        issues.push({
          rule: 'multiple-heads' as const,
          message: `App ${app} has ${leaves.length} leaf migrations (${names}): \`manage.py migrate\` stops with "Conflicting migrations detected" until one depends on the other or \`makemigrations --merge\` joins them.`,
          file: leaf.file,
          line: 1
        })
    }
    return issues
  },
  table: { name: 'django_migrations', columns: ['id', 'app', 'name', 'applied'] },
  select: table => `SELECT app, name FROM ${table} ORDER BY id`,
  applied(rows, files) {
    const ids = new Set(files.map(f => f.id))
    const apps = new Set(files.map(f => f.group))
    const squashes = (files as DjangoFile[]).filter(f => f.replaces?.length)
    const replaced = new Set(squashes.flatMap(f => f.replaces))
    const applied: AppliedMigration[] = []
    const seen = new Set<string>()
    for (const row of rows) {
      const app = str(row.app)
      const id = `${app}.${str(row.name)}`
      seen.add(id)
      // Not this repository's migrations (django.contrib, installed packages), or folded into a squash.
      if (!apps.has(app) || (replaced.has(id) && !ids.has(id))) continue
      applied.push({ id, failed: false })
    }
    // Django records a squash as applied once every migration it replaces is.
    for (const squash of squashes) {
      if (!seen.has(squash.id) && squash.replaces.every(id => seen.has(id)))
        applied.push({ id: squash.id, failed: false, inferred: true })
    }
    return applied
  }
}
