import type { Node } from '../../sql/parse.js'

export interface DropTarget {
  /** As written: `a.b`, `f(integer)`, `tr ON t`. */
  name: string
  /** For relations: what `relationKey` reads. */
  rangeVar: Node
}

function names(items: Node[]): string[] {
  return items.map(item => String(item.String?.sval ?? ''))
}

/** The objects of a DROP statement, whatever their kind (qualified names, type names, functions with arguments). */
export function dropTargets(drop: Node): DropTarget[] {
  return ((drop.objects ?? []) as Node[]).map(object => {
    let parts: string[]
    if (object.String) parts = [String(object.String.sval)]
    else if (object.List) parts = names(object.List.items ?? [])
    else if (object.TypeName) parts = names(object.TypeName.names ?? [])
    else if (object.ObjectWithArgs) parts = names(object.ObjectWithArgs.objname ?? [])
    else parts = ['?']
    const relname = parts.at(-1)!
    const schemaname = parts.length > 1 ? parts.at(-2) : undefined
    // DROP TRIGGER/RULE/POLICY name ON table: the list is [table…, name].
    const on = ['OBJECT_TRIGGER', 'OBJECT_RULE', 'OBJECT_POLICY'].includes(drop.removeType)
    const name = on ? `${relname} ON ${parts.slice(0, -1).join('.')}` : parts.join('.')
    return { name, rangeVar: { relname, schemaname } }
  })
}
