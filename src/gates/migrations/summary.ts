import type { ResultBlock, ResultSection } from '../../types.js'
import type { DriftCheck } from './drift/index.js'
import type { DatabaseState } from './index.js'
import type { AllowedStatement } from './lint/lint-file.js'
import type { ShadowLint } from './shadow/index.js'
import type { MigrationFile } from './tools/types.js'

/** Differences listed one by one in the summary at most. */
const MAX_DRIFT_ROWS = 50

/** What the shadow replay ran and recorded, and what it linted from it. */
function shadowSection(shadow: ShadowLint, inScope: MigrationFile[]): ResultSection | undefined {
  const { outcome } = shadow
  if (outcome.status !== 'replayed') return undefined
  const own = outcome.migrations.filter(m => m.own)
  const byId = new Map(own.map(m => [m.id, m]))
  const rows = inScope
    .filter(file => byId.has(file.id))
    .map(file => {
      const migration = byId.get(file.id)!
      return [
        file.name,
        file.file,
        String(migration.statements.length),
        migration.transaction === 'wrapped' ? 'one transaction' : 'statement by statement'
      ]
    })
  const blocks: ResultBlock[] = [
    {
      kind: 'text',
      text: `\`${outcome.command}\` migrated an empty PostgreSQL in ${(outcome.durationMs / 1000).toFixed(1)}s: ${own.length} migrations, ${outcome.statements} statements recorded at the wire protocol. The change's migrations were linted from what the tool sent:`
    }
  ]
  if (rows.length)
    blocks.push({
      kind: 'table',
      columns: ['migration', 'file', 'statements', 'ran'],
      align: ['left', 'left', 'right'],
      code: [0, 1],
      rows
    })
  return { heading: 'Shadow replay', blocks }
}

/** The database against the replay of its applied migrations. */
function driftSection(drift: DriftCheck): ResultSection {
  if (drift.drifts === 0)
    return {
      heading: 'Schema drift',
      blocks: [
        {
          kind: 'text',
          text: `The database's schema is what its ${drift.applied} applied migrations create (${drift.compared} objects compared).`
        }
      ]
    }
  const blocks: ResultBlock[] = [
    {
      kind: 'text',
      tone: 'warning',
      text: `The database differs from what its ${drift.applied} applied migrations create in ${drift.drifts} place${drift.drifts === 1 ? '' : 's'}:`
    },
    {
      kind: 'table',
      columns: ['object', 'name', 'difference'],
      code: [1],
      rows: drift.differences.slice(0, MAX_DRIFT_ROWS).map(d => [d.kind, d.key, d.difference])
    }
  ]
  if (drift.drifts > MAX_DRIFT_ROWS)
    blocks.push({ kind: 'text', tone: 'note', text: `${drift.drifts - MAX_DRIFT_ROWS} more not listed.` })
  return { heading: 'Schema drift', blocks }
}

/**
 * The shadow replay, schema drift, the pending list (what this deploy applies, in order) and the statements an
 * allow comment let through.
 */
export function renderSections({
  database,
  allowed,
  tool,
  shadow,
  drift,
  inScope = []
}: {
  database?: DatabaseState
  allowed: AllowedStatement[]
  tool: string
  shadow?: ShadowLint
  drift?: DriftCheck
  inScope?: MigrationFile[]
}): ResultSection[] {
  const sections: ResultSection[] = []
  const replayed = shadow && shadowSection(shadow, inScope)
  if (replayed) sections.push(replayed)
  if (drift) sections.push(driftSection(drift))
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
