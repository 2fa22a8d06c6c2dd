import { relationKey } from '../context.js'
import type { StatementRule } from '../rule.js'
import { dropTargets } from './drops.js'

/** Drops handled by their own rules, or that lose nothing (an index is rebuilt from the table). */
const OWN_RULES = new Set(['OBJECT_TABLE', 'OBJECT_SCHEMA', 'OBJECT_INDEX'])

/** What a DROP statement's removeType is called in messages. */
function kindName(removeType: string): string {
  return removeType
    .replace(/^OBJECT_/, '')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace('matview', 'materialized view')
}

/**
 * Every other DROP (views, materialized views, functions, procedures, sequences, types, domains, extensions,
 * triggers, policies…) of an object this migration did not create. Views and functions hold no rows, but the
 * running version still calls them, and CASCADE takes dependent objects with them (a type drops its columns).
 */
export const dropObject: StatementRule = {
  id: 'drop-object',
  kinds: ['DropStmt'],
  check({ node }, context) {
    if (OWN_RULES.has(node.removeType)) return undefined
    const dropped = dropTargets(node).filter(
      target =>
        !context.createdObject(node.removeType, relationKey(target.rangeVar)) &&
        !context.createdObject(node.removeType, target.name.toLowerCase())
    )
    if (!dropped.length) return undefined
    const cascade =
      node.behavior === 'DROP_CASCADE' ? ' with CASCADE, and every object that depends on it' : ''
    return `Drops ${kindName(String(node.removeType))} ${dropped.map(t => t.name).join(', ')}${cascade}.`
  }
}
