// git for test repositories: fixed arguments, no shell, and none of the user's or the system's configuration
// (a global color.ui=always or commit signing would change what the tests see), with a fixed identity.
import { execFileSync } from 'node:child_process'
import * as os from 'node:os'

export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=deploy-gates tests',
      '-c',
      'user.email=tests@example.invalid',
      '-c',
      'init.defaultBranch=main',
      '-c',
      'commit.gpgsign=false',
      ...args
    ],
    {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: os.devNull
      }
    }
  )
}
