import type { ResultSection } from '../../types.js'
import type { DatabaseState } from './index.js'
import type { AllowedStatement } from './lint/lint-file.js'

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

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
    const rows = database.pending.map(
      (file, i) => `| ${i + 1} | \`${cell(file.name)}\` | \`${cell(file.file)}\` |`
    )
    sections.push({
      heading: 'Pending migrations',
      markdown:
        database.pending.length === 0
          ? `The database is up to date: ${database.applied} ${tool} migrations applied (\`${database.table}\`).`
          : [
              `This deploy applies ${database.pending.length} migration(s), in this order:`,
              '',
              '| # | migration | file |',
              '| ---: | --- | --- |',
              ...rows
            ].join('\n')
    })
  }
  if (allowed.length) {
    sections.push({
      heading: 'Allowed by comment',
      markdown: [
        '| rule | where | reason |',
        '| --- | --- | --- |',
        ...allowed.map(a => `| \`${a.rule}\` | \`${cell(a.file)}:${a.line}\` | ${cell(a.reason)} |`)
      ].join('\n')
    })
  }
  return sections
}
