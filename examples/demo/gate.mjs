/**
 * Runs one gate the way a developer does: `node dist/cli.js <gate> --<input> <value>… --json`, the same bundle
 * and options as the action. Returns the exit code, the JSON report and a one-line reason when it failed.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

export function runGate(gate, inputs, { cwd, env = {}, timeoutMs = 60_000 } = {}) {
  const args = [
    CLI,
    gate,
    ...Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, String(value)]),
    '--json'
  ]
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', code => {
      clearTimeout(timer)
      let report
      try {
        report = JSON.parse(stdout)
      } catch {
        report = undefined
      }
      resolve({
        gate,
        code: code ?? 1,
        report,
        stderr,
        outputs: report?.outputs ?? {},
        reason: reasonOf(report, stderr, code)
      })
    })
  })
}

/** The most important error finding, as `rule file:line message`; else the CLI's one-line failure. */
function reasonOf(report, stderr, code) {
  if (code === 0) return ''
  const finding = report?.findings?.find(f => f.severity === 'error') ?? report?.findings?.[0]
  if (finding) {
    const where = finding.file ? ` ${finding.file}${finding.line ? `:${finding.line}` : ''}` : ''
    return `${finding.rule}${where}: ${finding.message}`
  }
  const line = stderr
    .split('\n')
    .reverse()
    .find(l => l.startsWith('deploy-gates:'))
  return line ? line.replace(/^deploy-gates:\s*/, '') : `exit code ${code}`
}
