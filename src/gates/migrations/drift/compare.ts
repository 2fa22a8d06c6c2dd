import type { Catalog, CatalogObject } from './catalog.js'

/** One difference between the database and what its applied migrations create. */
export interface Drift {
  kind: CatalogObject['kind']
  key: string
  /** For people: what differs, in one sentence. */
  message: string
  /** The message without the object it is about (for a table that names it in its own column). */
  difference: string
}

const NAMES: Record<CatalogObject['kind'], string> = {
  table: 'Table',
  column: 'Column',
  index: 'Index',
  constraint: 'Constraint',
  enum: 'Enum type',
  view: 'View',
  sequence: 'Sequence',
  function: 'Function'
}

/** How each object is shown when it exists on one side only: its definition where that says it all. */
function describe(object: CatalogObject): string {
  const { facets } = object
  switch (object.kind) {
    case 'column':
      return `${facets.type} ${facets.nullable}${facets.default ? ` DEFAULT ${facets.default}` : ''}`
    case 'index':
    case 'constraint':
      return facets.definition ?? ''
    case 'enum':
      return `(${facets.values})`
    case 'function':
      return `returns ${facets.returns}, ${facets.language}`
    default:
      return ''
  }
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}

/**
 * Compares the database (`actual`) with the replay of its applied migrations (`expected`), object by object and
 * facet by facet. A column of a table missing on one side is not reported again: the table says it.
 */
export function compareCatalogs(expected: Catalog, actual: Catalog): Drift[] {
  const drifts: Drift[] = []
  const tableOf = (object: CatalogObject): string | undefined =>
    object.kind === 'column' || object.kind === 'constraint'
      ? object.key.split('.').slice(0, 2).join('.')
      : undefined
  const onlyIn = (side: Catalog, other: Catalog, where: 'database' | 'migrations'): void => {
    for (const [id, object] of side) {
      if (other.has(id)) continue
      const table = tableOf(object)
      if (table && side.has(`table:${table}`) && !other.has(`table:${table}`)) continue
      const shown = describe(object)
      const difference =
        where === 'database'
          ? `exists in the database but no applied migration creates it${shown ? `: ${clip(shown)}` : ''}.`
          : `is created by the applied migrations but missing from the database${shown ? ` (${clip(shown)})` : ''}.`
      drifts.push({
        kind: object.kind,
        key: object.key,
        message: `${NAMES[object.kind]} ${object.key} ${difference}`,
        difference
      })
    }
  }
  onlyIn(actual, expected, 'database')
  onlyIn(expected, actual, 'migrations')
  for (const [id, want] of expected) {
    const have = actual.get(id)
    if (!have) continue
    const differences: string[] = []
    for (const facet of Object.keys(want.facets)) {
      const a = have.facets[facet] ?? ''
      const b = want.facets[facet] ?? ''
      if (a === b) continue
      differences.push(
        facet === 'body' || facet === 'definition'
          ? `${facet} differs (database: ${clip(a, 120)}; migrations: ${clip(b, 120)})`
          : `${facet} is ${a || 'empty'} in the database, ${b || 'empty'} from the migrations`
      )
    }
    if (differences.length) {
      const difference = `${differences.join('; ')}.`
      drifts.push({
        kind: want.kind,
        key: want.key,
        message: `${NAMES[want.kind]} ${want.key}: ${difference}`,
        difference
      })
    }
  }
  const order = Object.keys(NAMES)
  return drifts.sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  )
}
