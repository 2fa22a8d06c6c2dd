import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parseWorkflow, readWorkflowText, ROOT } from './workflow-files.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const section = (name: string) => {
  const match = new RegExp(`<!-- section:${name} -->([\\s\\S]*?)<!-- /section:${name} -->`).exec(readme)
  if (!match) throw new Error(`README has no section ${name}`)
  return match[1]!
}
const workflowsSection = section('workflows')

/** The README's table for one reusable workflow: from its `### \`<file>\`` heading to the next heading. */
function tableOf(file: string): string {
  const start = workflowsSection.indexOf(`### \`${file}\``)
  if (start < 0) throw new Error(`README workflows section has no heading for ${file}`)
  const end = workflowsSection.indexOf('\n### ', start + 1)
  return workflowsSection.slice(start, end < 0 ? undefined : end)
}

describe('README: reusable workflows', () => {
  it.each(['pipeline.yml', 'pr-gates.yml', 'rollback.yml', 'metrics.yml'])(
    'documents every input, secret and output of %s',
    file => {
      const call = (
        parseWorkflow(readWorkflowText(`.github/workflows/${file}`)).on as Record<
          string,
          Record<string, object>
        >
      ).workflow_call!
      const names = ['inputs', 'secrets', 'outputs'].flatMap(kind => Object.keys(call[kind] ?? {}))
      const table = tableOf(file)
      const missing = names.filter(name => !new RegExp(`\\|\\s*\`${name}\`\\s*\\|`).test(table))
      expect(missing).toEqual([])
    }
  )

  it('shows the pipeline as a Mermaid diagram and links every caller workflow', () => {
    expect(workflowsSection).toContain('```mermaid\nflowchart LR')
    for (const caller of ['deploy.yml', 'pull-request.yml', 'rollback.yml', 'metrics.yml'])
      expect(workflowsSection).toContain(`(workflows/${caller})`)
    expect(workflowsSection).toContain('### Adopting it one gate at a time')
  })

  it('opens the quick start with the demo command', () => {
    expect(section('quickstart')).toContain('npm ci && npm run demo')
  })
})
