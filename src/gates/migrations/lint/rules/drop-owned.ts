import type { Node } from '../../sql/parse.js'
import type { StatementRule } from '../rule.js'

export const dropOwned: StatementRule = {
  id: 'drop-owned',
  kinds: ['DropOwnedStmt'],
  check({ node }) {
    const roles = ((node.roles ?? []) as Node[]).map(r =>
      String(r.RoleSpec?.rolename ?? r.RoleSpec?.roletype)
    )
    return `Drops every object owned by ${roles.join(', ')}${node.behavior === 'DROP_CASCADE' ? ', with CASCADE' : ''}.`
  }
}
