import * as path from 'node:path'

/**
 * Findings name files relative to the working directory; GitHub (annotations, code scanning) wants them
 * relative to the repository root (GITHUB_WORKSPACE), with forward slashes. Paths outside the workspace are
 * left as the gate wrote them.
 */
export function repositoryPath(
  file: string,
  workingDirectory: string,
  workspace: string | undefined
): string {
  if (!workspace) return toPosix(file)
  const absolute = path.resolve(workingDirectory, file)
  const relative = path.relative(path.resolve(workspace), absolute)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return toPosix(file)
  return toPosix(relative)
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}
