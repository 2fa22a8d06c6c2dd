import type { Node } from '../../sql/parse.js'
import { lastName } from '../context.js'

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial'])

export function columnConstraints(column: Node | undefined): Node[] {
  return ((column?.constraints ?? []) as Node[]).map(c => c.Constraint as Node)
}

export function columnConstraint(column: Node | undefined, contype: string): Node | undefined {
  return columnConstraints(column).find(c => c.contype === contype)
}

export function isSerial(column: Node | undefined): boolean {
  return SERIAL_TYPES.has(lastName(column?.typeName?.names))
}
