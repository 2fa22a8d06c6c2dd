import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { InputError } from '../../errors.js'
import type { InputSource } from '../../types.js'
import { TOOLS } from './tools/index.js'
import type { ToolAdapter, ToolName } from './tools/types.js'

export interface Located {
  tool: ToolAdapter
  /** Absolute directory. */
  directory: string
  /** As shown to users: relative to the working directory. */
  display: string
  detected: boolean
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isDirectory()
  } catch {
    return false
  }
}

/** A default directory with `*` segments (`packages/<any>/prisma/migrations`): every folder that matches, sorted. */
async function expandDir(cwd: string, pattern: string): Promise<string[]> {
  let found = [cwd]
  for (const segment of pattern.split('/')) {
    if (segment !== '*') {
      found = found.map(dir => path.join(dir, segment))
      continue
    }
    const next: string[] = []
    for (const dir of found) {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const entry of entries)
        if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
          next.push(path.join(dir, entry.name))
    }
    found = next.sort()
  }
  return found
}

/**
 * Finds the migrations and the tool that owns them: the `tool` input if given, else the layout decides
 * (a Prisma folder, a Drizzle journal, Flyway `V1__` names, `.up.sql` pairs, dbmate markers, then the
 * code-based tools by their API). Two tools equally likely is an error asking for `tool`, never a guess.
 */
export async function locateMigrations(
  cwd: string,
  dirInput: string,
  toolInput: ToolName | 'auto',
  describeInput: InputSource['describe']
): Promise<Located> {
  const display = (dir: string): string => path.relative(cwd, dir).split(path.sep).join('/') || '.'
  if (dirInput) {
    const directory = path.resolve(cwd, dirInput)
    if (!(await isDirectory(directory)))
      throw new InputError(`${describeInput('migrations-dir')}: directory '${dirInput}' not found`)
  }
  const candidates = async (tool: ToolAdapter): Promise<string[]> =>
    dirInput
      ? [path.resolve(cwd, dirInput)]
      : (await Promise.all(tool.defaultDirs.map(dir => expandDir(cwd, dir)))).flat()

  if (toolInput !== 'auto') {
    const tool = TOOLS[toolInput]
    for (const directory of await candidates(tool)) {
      if (await isDirectory(directory))
        return { tool, directory, display: display(directory), detected: false }
    }
    throw new InputError(
      `no ${tool.name} migrations directory found (looked in ${tool.defaultDirs.join(', ')}): set ${describeInput('migrations-dir')}`
    )
  }

  let best: { tool: ToolAdapter; directory: string; score: number }[] = []
  for (const tool of Object.values(TOOLS)) {
    for (const directory of await candidates(tool)) {
      if (!(await isDirectory(directory))) continue
      const score = await tool.detect(directory)
      if (score === 0) continue
      if (best.length === 0 || score > best[0]!.score) best = [{ tool, directory, score }]
      else if (score === best[0]!.score && !best.some(b => b.directory === directory))
        best.push({ tool, directory, score })
    }
  }
  if (best.length === 0) {
    const where = dirInput
      ? `'${dirInput}'`
      : 'the usual places (prisma/migrations, db/migrate, db/migrations, migrations, …)'
    throw new InputError(
      `no migrations of a known tool found in ${where}: set ${describeInput('tool')} and ${describeInput('migrations-dir')}`
    )
  }
  if (best.length > 1) {
    const list = best.map(b => `${b.tool.name} (${display(b.directory)})`).join(', ')
    const tools = new Set(best.map(b => b.tool.name))
    throw new InputError(
      tools.size > 1
        ? `migrations of several tools found: ${list}; set ${describeInput('tool')}`
        : `${best[0]!.tool.name} migrations found in several directories: ${list}; set ${describeInput('migrations-dir')}`
    )
  }
  const { tool, directory } = best[0]!
  return { tool, directory, display: display(directory), detected: true }
}
