import type { StatementRule } from '../rule.js'
import { missingLockTimeout } from './missing-lock-timeout.js'
import { missingStatementTimeout } from './missing-statement-timeout.js'
import { dropTable } from './drop-table.js'
import { dropColumn } from './drop-column.js'
import { dropSchema } from './drop-schema.js'
import { dropDatabase } from './drop-database.js'
import { dropOwned } from './drop-owned.js'
import { dropObject } from './drop-object.js'
import { truncate } from './truncate.js'
import { deleteWithoutWhere } from './delete-without-where.js'
import { updateWithoutWhere } from './update-without-where.js'
import { renameColumn } from './rename-column.js'
import { renameTable } from './rename-table.js'
import { changeColumnType } from './change-column-type.js'
import { addColumnNotNullWithoutDefault } from './add-column-not-null-without-default.js'
import { setNotNull } from './set-not-null.js'
import { dropNotNull } from './drop-not-null.js'
import { createIndexNonConcurrently } from './create-index-non-concurrently.js'
import { dropIndexNonConcurrently } from './drop-index-non-concurrently.js'
import { concurrentlyInTransaction } from './concurrently-in-transaction.js'
import { addForeignKeyValidated } from './add-foreign-key-validated.js'
import { addCheckValidated } from './add-check-validated.js'
import { addUniqueConstraint } from './add-unique-constraint.js'
import { addPrimaryKey } from './add-primary-key.js'
import { volatileDefault } from './volatile-default.js'
import { addStoredGeneratedColumn } from './add-stored-generated-column.js'
import { reindexNonConcurrently } from './reindex-non-concurrently.js'
import { detachPartitionNonConcurrently } from './detach-partition-non-concurrently.js'
import { vacuumFullOrCluster } from './vacuum-full-or-cluster.js'
import { alterDomainAddConstraint } from './alter-domain-add-constraint.js'
import { createDomainWithConstraint } from './create-domain-with-constraint.js'
import { enumValueOrdering } from './enum-value-ordering.js'
import { uncommittedTransaction } from './uncommitted-transaction.js'
import { transactionNesting } from './transaction-nesting.js'
import { nonRobustStatement } from './non-robust-statement.js'
import { duplicateColumnAssignment } from './duplicate-column-assignment.js'
import { identifierTooLong } from './identifier-too-long.js'

/** Every statement rule, in the order their findings are listed for one statement. */
export const STATEMENT_RULES: readonly StatementRule[] = [
  missingLockTimeout,
  missingStatementTimeout,
  dropTable,
  dropColumn,
  dropSchema,
  dropDatabase,
  dropOwned,
  dropObject,
  truncate,
  deleteWithoutWhere,
  updateWithoutWhere,
  renameColumn,
  renameTable,
  changeColumnType,
  addColumnNotNullWithoutDefault,
  setNotNull,
  dropNotNull,
  createIndexNonConcurrently,
  dropIndexNonConcurrently,
  concurrentlyInTransaction,
  addForeignKeyValidated,
  addCheckValidated,
  addUniqueConstraint,
  addPrimaryKey,
  volatileDefault,
  addStoredGeneratedColumn,
  reindexNonConcurrently,
  detachPartitionNonConcurrently,
  vacuumFullOrCluster,
  alterDomainAddConstraint,
  createDomainWithConstraint,
  enumValueOrdering,
  uncommittedTransaction,
  transactionNesting,
  nonRobustStatement,
  duplicateColumnAssignment,
  identifierTooLong
]
