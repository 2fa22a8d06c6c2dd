import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import type { ToolName } from '../tools/types.js'

/**
 * The migrate command of each code-migration tool, as its documentation gives it, and what must be installed
 * for it to run. The command is found in the project (the tool's own binary in node_modules/.bin, bin/rails,
 * manage.py, alembic.ini), never downloaded: `npx` without a local install would fetch from the registry.
 */

export type ShadowTool = 'rails' | 'django' | 'alembic' | 'knex' | 'sequelize' | 'typeorm' | 'node-pg-migrate'

export const SHADOW_TOOLS: readonly ShadowTool[] = [
  'rails',
  'django',
  'alembic',
  'knex',
  'sequelize',
  'typeorm',
  'node-pg-migrate'
]

export function isShadowTool(tool: ToolName): tool is ShadowTool {
  return (SHADOW_TOOLS as readonly string[]).includes(tool)
}

/** The documented default per tool, for messages and docs. */
export const DEFAULT_COMMANDS: Record<ShadowTool, string> = {
  rails: 'bin/rails db:migrate',
  django: 'python manage.py migrate --noinput',
  alembic: 'alembic upgrade head',
  knex: 'npx knex migrate:latest',
  sequelize: 'npx sequelize-cli db:migrate --url $DATABASE_URL',
  typeorm: 'npx typeorm migration:run -d <data-source.js>',
  'node-pg-migrate': 'npx node-pg-migrate up'
}

export interface ResolvedCommand {
  argv: string[]
  cwd: string
}

export interface MissingRuntime {
  missing: string
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile()
  } catch {
    return false
  }
}

/** The nearest folder from `start` up to `root` (both included) that holds one of `names`. */
async function findUp(start: string, root: string, names: string[]): Promise<string | undefined> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    for (const name of names) {
      const candidate = path.join(dir, name)
      if (await isFile(candidate)) return candidate
    }
    if (dir === path.resolve(root) || path.dirname(dir) === dir || !dir.startsWith(path.resolve(root))) return
  }
}

/** An executable on PATH (the runner's environment), or undefined. */
export async function onPath(
  name: string,
  env: Record<string, string | undefined>
): Promise<string | undefined> {
  if (name.includes('/')) return (await isFile(name)) ? name : undefined
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, name)
    try {
      await fs.access(candidate, fs.constants.X_OK)
      if (await isFile(candidate)) return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

/** `node_modules/.bin/<name>` from the migrations folder up to the workspace. */
async function localBin(directory: string, cwd: string, names: string[]): Promise<string | undefined> {
  return findUp(
    directory,
    cwd,
    names.map(name => path.join('node_modules', '.bin', name))
  )
}

/**
 * The command that migrates the shadow for `tool`, run in the returned folder; or what to install. The shadow
 * URL reaches each tool the way it reads its database: DATABASE_URL and PG* for all (see env.ts), and a flag
 * where the tool has one (sequelize-cli `--url`).
 */
export async function defaultCommand(
  tool: ShadowTool,
  directory: string,
  cwd: string,
  env: Record<string, string | undefined>,
  shadowUrl: string
): Promise<ResolvedCommand | MissingRuntime> {
  const relativeDir = path.relative(cwd, directory) || '.'
  switch (tool) {
    case 'rails': {
      const rails = await findUp(directory, cwd, [path.join('bin', 'rails')])
      if (!rails) return { missing: 'bin/rails (a Rails application), or set shadow-command' }
      if (!(await onPath('ruby', env))) return { missing: 'Ruby (ruby/setup-ruby with bundler-cache)' }
      return { argv: [rails, 'db:migrate'], cwd: path.dirname(path.dirname(rails)) }
    }
    case 'django': {
      const manage = await findUp(directory, cwd, ['manage.py'])
      if (!manage) return { missing: 'manage.py (a Django project), or set shadow-command' }
      const python = (await onPath('python', env)) ?? (await onPath('python3', env))
      if (!python)
        return { missing: 'Python with the project requirements (actions/setup-python, pip install)' }
      return { argv: [python, manage, 'migrate', '--noinput'], cwd: path.dirname(manage) }
    }
    case 'alembic': {
      const ini = await findUp(directory, cwd, ['alembic.ini'])
      if (!ini) return { missing: 'alembic.ini, or set shadow-command' }
      const alembic = await onPath('alembic', env)
      if (!alembic) return { missing: 'Alembic (pip install alembic and the project requirements)' }
      return { argv: [alembic, 'upgrade', 'head'], cwd: path.dirname(ini) }
    }
    case 'knex': {
      const knex = await localBin(directory, cwd, ['knex'])
      if (!knex) return { missing: 'knex in node_modules (npm ci)' }
      const knexfile = await findUp(directory, cwd, [
        'knexfile.js',
        'knexfile.cjs',
        'knexfile.mjs',
        'knexfile.ts'
      ])
      const base = knexfile ? path.dirname(knexfile) : cwd
      return knexfile
        ? { argv: [knex, 'migrate:latest', '--knexfile', knexfile], cwd: base }
        : {
            // No knexfile: the connection on the command line, as `knex --client pg --connection <url>` takes it.
            argv: [
              knex,
              'migrate:latest',
              '--client',
              'pg',
              '--connection',
              shadowUrl,
              '--migrations-directory',
              path.resolve(directory)
            ],
            cwd
          }
    }
    case 'sequelize': {
      const cli = await localBin(directory, cwd, ['sequelize-cli', 'sequelize'])
      if (!cli) return { missing: 'sequelize-cli in node_modules (npm install --save-dev sequelize-cli)' }
      return {
        argv: [cli, 'db:migrate', '--url', shadowUrl, '--migrations-path', relativeDir],
        cwd
      }
    }
    case 'typeorm': {
      const cli = await localBin(directory, cwd, ['typeorm'])
      if (!cli) return { missing: 'typeorm in node_modules (npm ci)' }
      const dataSource = await findUp(directory, cwd, [
        'data-source.js',
        'data-source.mjs',
        'data-source.cjs',
        path.join('dist', 'data-source.js'),
        path.join('src', 'data-source.js')
      ])
      if (!dataSource)
        return {
          missing:
            'a compiled TypeORM data source (data-source.js): set shadow-command, e.g. `npx typeorm migration:run -d dist/data-source.js`'
        }
      return { argv: [cli, 'migration:run', '-d', dataSource], cwd: path.dirname(dataSource) }
    }
    case 'node-pg-migrate': {
      const cli = await localBin(directory, cwd, ['node-pg-migrate'])
      if (!cli) return { missing: 'node-pg-migrate in node_modules (npm ci)' }
      return { argv: [cli, 'up', '--migrations-dir', relativeDir], cwd }
    }
  }
}
