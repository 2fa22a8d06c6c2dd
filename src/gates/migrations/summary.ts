import type { ResultSection } from '../../types.js'
import type { DatabaseState } from './index.js'
import type { AllowedStatement } from './lint/lint-file.js'

/** The pending list (what this deploy applies, in order) and the statements an allow comment let through. */
export function renderSections({
  database,
  allowed,
  tool
}: {
  database?: DatabaseState
  allowed: AllowedStatement[]
  tool: string
}): ResultSection[] {
  const sections: ResultSection[] = []
  if (database) {
    sections.push({
      heading: 'Pending migrations',
      blocks:
        database.pending.length === 0
          ? [
              {
                kind: 'text',
                text: `The database is up to date: ${database.applied} ${tool} migrations applied (${database.table}).`
              }
            ]
          : [
              {
                kind: 'text',
                text: `This deploy applies ${database.pending.length} migration(s), in this order:`
              },
              {
                kind: 'table',
                columns: ['#', 'migration', 'file'],
                align: ['right'],
                code: [1, 2],
                rows: database.pending.map((file, i) => [String(i + 1), file.name, file.file])
              }
            ]
    })
  }
  if (allowed.length) {
    sections.push({
      heading: 'Allowed by comment',
      blocks: [
        {
          kind: 'table',
          columns: ['rule', 'where', 'reason'],
          code: [0, 1],
          rows: allowed.map(a => [a.rule, `${a.file}:${a.line}`, a.reason])
        }
      ]
    })
  }
  return sections
}
