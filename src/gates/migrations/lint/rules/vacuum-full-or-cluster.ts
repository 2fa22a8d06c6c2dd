import type { Node } from '../../sql/parse.js'
import { relationName } from '../context.js'
import type { StatementRule } from '../rule.js'
import { hasOption } from './concurrently-in-transaction.js'

export const vacuumFullOrCluster: StatementRule = {
  id: 'vacuum-full-or-cluster',
  kinds: ['VacuumStmt', 'ClusterStmt'],
  check({ kind, node }) {
    if (kind === 'ClusterStmt')
      return `CLUSTER ${node.relation ? relationName(node.relation) : '(every clustered table)'} rewrites it under an ACCESS EXCLUSIVE lock.`
    if (!node.is_vacuumcmd || !hasOption(node.options, 'full')) return undefined
    const tables = ((node.rels ?? []) as Node[]).map(r => relationName(r.VacuumRelation?.relation))
    return `VACUUM FULL ${tables.join(', ') || '(every table)'} rewrites under an ACCESS EXCLUSIVE lock.`
  }
}
