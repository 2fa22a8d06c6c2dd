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

/**
 * Finds the migrations and the tool that owns them: the `tool` input if given, else the layout decides
 * (a Prisma folder, a Drizzle journal, Flyway `V1__` names, `.up.sql` pairs, dbmate markers, then the
 * code-based tools by their API). Two tools equally likely is an error asking for `tool`, never a guess.
 */
export async function locateMigrations(
  cwd: string,
  dirInput: string,
  toolInput: ToolName | 'auto',
  source: InputSource
): Promise<Located> {
  const display = (dir: string): string => path.relative(cwd, dir).split(path.sep).join('/') || '.'
  if (dirInput) {
    const directory = path.resolve(cwd, dirInput)
    if (!(await isDirectory(directory)))
      throw new InputError(`${source.describe('migrations-dir')}: directory '${dirInput}' not found`)
  }
  const candidates = (tool: ToolAdapter): string[] =>
    dirInput ? [path.resolve(cwd, dirInput)] : tool.defaultDirs.map(dir => path.resolve(cwd, dir))

  if (toolInput !== 'auto') {
    const tool = TOOLS[toolInput]
    for (const directory of candidates(tool)) {
      if (await isDirectory(directory))
        return { tool, directory, display: display(directory), detected: false }
    }
    throw new InputError(
      `no ${tool.name} migrations directory found (looked in ${tool.defaultDirs.join(', ')}): set ${source.describe('migrations-dir')}`
    )
  }

  let best: { tool: ToolAdapter; directory: string; score: number }[] = []
  for (const tool of Object.values(TOOLS)) {
    for (const directory of candidates(tool)) {
      if (!(await isDirectory(directory))) continue
      const score = await tool.detect(directory)
      if (score === 0) continue
      if (best.length === 0 || score > best[0]!.score) best = [{ tool, directory, score }]
      else if (score === best[0]!.score && !best.some(b => b.tool === tool))
        best.push({ tool, directory, score })
    }
  }
  if (best.length === 0) {
    const where = dirInput
      ? `'${dirInput}'`
      : 'the usual places (prisma/migrations, db/migrate, db/migrations, migrations, …)'
    throw new InputError(
      `no migrations of a known tool found in ${where}: set ${source.describe('tool')} and ${source.describe('migrations-dir')}`
    )
  }
  if (best.length > 1) {
    const list = best.map(b => `${b.tool.name} (${display(b.directory)})`).join(', ')
    throw new InputError(`migrations of several tools found: ${list}; set ${source.describe('tool')}`)
  }
  const { tool, directory } = best[0]!
  return { tool, directory, display: display(directory), detected: true }
}
