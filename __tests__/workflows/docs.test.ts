import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { describeGrant, requiredGrant } from './startup.js'
import { reusableWorkflows, ROOT, workflowCallOf, workflowFiles } from './workflow-files.js'

const doc = readFileSync(join(ROOT, 'docs', 'workflows.md'), 'utf8')
const between = (start: string, end: string) => {
  const from = doc.indexOf(start)
  const to = doc.indexOf(end, from)
  if (from < 0 || to < 0) throw new Error(`docs/workflows.md has no ${start} … ${end}`)
  return doc.slice(from, to)
}
const reusable = reusableWorkflows()

describe('docs/workflows.md', () => {
  it.each([...reusable.keys()])('documents every input, secret and output of %s', file => {
    const call = workflowCallOf(reusable.get(file)!)!
    const names = [call.inputs, call.secrets, call.outputs].flatMap(kind => Object.keys(kind ?? {}))
    const table = between(`<!-- table:${file} -->`, `<!-- /table:${file} -->`)
    const documented = [...table.matchAll(/^\| `([\w-]+)`\s*\|/gm)].map(match => match[1])
    expect(documented).toEqual(names)
  })

  // Defect 1: the README's permissions table said pr-gates.yml needed only contents and pull-requests.
  it('its permissions table is what the startup model computes for each reusable workflow', () => {
    const table = between('<!-- permissions -->', '<!-- /permissions -->')
    const rows = Object.fromEntries(
      [...table.matchAll(/^\| `([\w.-]+\.yml)`\s*\| ([^|]+?)\s*\|/gm)].map(match => [
        match[1],
        match[2]!
          .trim()
          .split(', ')
          .map(scope => scope.replace(/`/g, ''))
      ])
    )
    expect(rows).toEqual(
      Object.fromEntries([...reusable.keys()].map(file => [file, describeGrant(requiredGrant(file))]))
    )
  })

  it('links every caller to copy', () => {
    for (const caller of workflowFiles().filter(file => file.startsWith('workflows/')))
      expect([caller, doc.includes(`(../${caller})`)]).toEqual([caller, true])
  })
})
