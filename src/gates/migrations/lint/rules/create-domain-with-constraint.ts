import type { Node } from '../../sql/parse.js'
import { lastName } from '../context.js'
import type { StatementRule } from '../rule.js'

export const createDomainWithConstraint: StatementRule = {
  id: 'create-domain-with-constraint',
  kinds: ['CreateDomainStmt'],
  check({ node }) {
    const checks = ((node.constraints ?? []) as Node[]).filter(c => c.Constraint?.contype === 'CONSTR_CHECK')
    return checks.length ? `Creates domain ${lastName(node.domainname)} with a CHECK constraint.` : undefined
  }
}
