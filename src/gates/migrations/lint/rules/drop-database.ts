import type { StatementRule } from '../rule.js'

export const dropDatabase: StatementRule = {
  id: 'drop-database',
  kinds: ['DropdbStmt'],
  check: ({ node }) => `Drops database ${node.dbname} with every table in it.`
}
