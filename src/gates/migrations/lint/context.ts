import type { Node, SqlStatement } from '../sql/parse.js'

/** How the tool runs one migration file: inside a transaction it opens, or statement by statement. */
export type TransactionMode = 'wrapped' | 'none'

/**
 * How the statements of a file reach PostgreSQL: `wrapped` in a transaction the tool opens, `implicit` as one
 * multi-statement query (PostgreSQL runs it as one transaction, and an explicit BEGIN/COMMIT inside simply
 * takes over), or `none`: each statement on its own.
 */
export type FileTransaction = TransactionMode | 'implicit'

export interface CheckOptions {
  transaction: FileTransaction
  /** The opt-in timeout rules (missing-lock-timeout, missing-statement-timeout). */
  lockTimeoutRules: boolean
  /**
   * Tables that did not exist before this change (the shadow replay knows them from the base ref's state):
   * treated like tables created earlier in the file. Names are `table` (in `public`) or `schema.table`.
   */
  newTables?: ReadonlySet<string>
}

/** A column's declared type, as far as the migration shows it: `varchar` with modifiers [255]. */
export interface ColumnType {
  name: string
  modifiers: number[]
  arrayBounds: number
}

/** `schema.name` of a relation, lower-cased as PostgreSQL folds it, with `public` for an unqualified name. */
export function relationKey(rangeVar: Node | undefined): string {
  return `${String(rangeVar?.schemaname ?? 'public').toLowerCase()}.${String(rangeVar?.relname ?? '').toLowerCase()}`
}

/** The relation as written, for messages. */
export function relationName(rangeVar: Node | undefined): string {
  if (!rangeVar) return '?'
  return rangeVar.schemaname ? `${rangeVar.schemaname}.${rangeVar.relname}` : String(rangeVar.relname)
}

/** The last name of a qualified name list (`pg_catalog.varchar` → `varchar`). */
export function lastName(names: Node[] | undefined): string {
  return String(names?.at(-1)?.String?.sval ?? '').toLowerCase()
}

export function columnType(typeName: Node | undefined): ColumnType {
  return {
    name: lastName(typeName?.names as Node[] | undefined),
    modifiers: ((typeName?.typmods ?? []) as Node[]).map(m => Number(m.A_Const?.ival?.ival ?? 0)),
    arrayBounds: ((typeName?.arrayBounds ?? []) as Node[]).length
  }
}

export function alterCommands(alter: Node): Node[] {
  return ((alter.cmds ?? []) as Node[]).map(cmd => cmd.AlterTableCmd as Node)
}

const TRANSACTION_ENDS = new Set([
  'TRANS_STMT_COMMIT',
  'TRANS_STMT_ROLLBACK',
  'TRANS_STMT_PREPARE',
  'TRANS_STMT_COMMIT_PREPARED'
])

const columnKey = (table: string, column: string): string => `${table}\0${column.toLowerCase()}`

/**
 * What a rule knows while it looks at one statement: the statement's place in the file and the state the
 * statements before it left (transaction, timeouts, objects created, constraints validated). Rules see the
 * state *before* their statement; `advance` then applies the statement. Look-ahead questions (is the old name
 * added back later?) are answered from indexes built once per file, so a file is linted in linear time.
 */
export class LintContext {
  index = -1
  /** An explicit BEGIN is open (the statement that opened it). */
  explicitBegin: SqlStatement | undefined
  /** The tool's own transaction (wrapped or implicit) still holds the statements. */
  toolTransactionOpen: boolean
  lockTimeoutSet = false
  statementTimeoutSet = false
  /** Incremented at each transaction boundary: statements with the same id share a transaction. */
  private transactionSerial = 0
  private readonly createdTables = new Set<string>()
  private readonly createdObjects = new Set<string>()
  private readonly columnTypes = new Map<string, ColumnType>()
  /** Type changes flagged only because the old type is not declared in this file (statement index). */
  readonly typeChanges: { index: number; table: string; column: string; to: ColumnType }[] = []
  /** Every column type this file declares, in order (for the type changes of later migrations). */
  readonly declaredTypes: { table: string; column: string; type: ColumnType }[] = []
  /** Columns with a validated `CHECK (col IS NOT NULL)`. */
  private readonly notNullChecked = new Set<string>()
  /** Constraints added NOT VALID in this file: what they check and the transaction that added them. */
  private readonly notValid = new Map<string, { constraint: Node; transaction: number }>()
  /** Constraint names dropped with IF EXISTS (the robust form of re-adding them). */
  readonly droppedIfExists = new Set<string>()
  /** Last index at which a column is added (table key + column) and a view created (relation key). */
  private readonly lastColumnAdd = new Map<string, number>()
  private readonly lastViewCreate = new Map<string, number>()
  private readonly reportedOnce = new Set<string>()
  /** Statements that are not transaction control: several of them make a partial failure possible. */
  readonly meaningfulStatements: number

  constructor(
    readonly statements: SqlStatement[],
    readonly options: CheckOptions
  ) {
    this.toolTransactionOpen = options.transaction !== 'none'
    for (const name of options.newTables ?? [])
      this.createdTables.add(name.includes('.') ? name.toLowerCase() : `public.${name.toLowerCase()}`)
    let meaningful = 0
    statements.forEach(({ kind, node }, index) => {
      if (kind !== 'TransactionStmt' && kind !== 'VariableSetStmt') meaningful++
      if (kind === 'ViewStmt') this.lastViewCreate.set(relationKey(node.view), index)
      if (kind === 'AlterTableStmt') {
        const table = relationKey(node.relation)
        for (const c of alterCommands(node))
          if (c.subtype === 'AT_AddColumn')
            this.lastColumnAdd.set(columnKey(table, String(c.def?.ColumnDef?.colname)), index)
      }
    })
    this.meaningfulStatements = meaningful
  }

  get statement(): SqlStatement {
    return this.statements[this.index]!
  }

  private cachedFor = -1
  private cachedCommands: Node[] = []
  private cachedExisting = true

  /** The current statement's ALTER TABLE commands (computed once for all the rules that read them). */
  get commands(): Node[] {
    this.cache()
    return this.cachedCommands
  }

  /** Whether the current ALTER TABLE's table existed before this migration (computed once per statement). */
  get alteredTableExists(): boolean {
    this.cache()
    return this.cachedExisting
  }

  private cache(): void {
    if (this.cachedFor === this.index) return
    this.cachedFor = this.index
    const { kind, node } = this.statement
    this.cachedCommands = kind === 'AlterTableStmt' ? alterCommands(node) : []
    this.cachedExisting = kind === 'AlterTableStmt' ? this.existing(node.relation) : true
  }

  /** An ALTER TABLE of a table (not a view or index) that existed before this migration. */
  get altersExistingTable(): boolean {
    return this.statement.node.objtype === 'OBJECT_TABLE' && this.alteredTableExists
  }

  /** The statement runs inside some transaction (explicit, the tool's, or the implicit multi-statement one). */
  get inTransaction(): boolean {
    if (this.statement?.outsideTransaction) return false
    return this.explicitBegin !== undefined || this.toolTransactionOpen
  }

  /** An id shared by the statements of one transaction; unique per statement outside any. */
  get transactionId(): number {
    return this.inTransaction ? this.transactionSerial : -1 - this.index
  }

  /** True the first time it is asked for a key in this file (rules reported once per file). */
  once(key: string): boolean {
    if (this.reportedOnce.has(key)) return false
    this.reportedOnce.add(key)
    return true
  }

  /** The relation existed before this migration (it was not created earlier in the file). */
  existing(rangeVar: Node | undefined): boolean {
    return !this.createdTables.has(relationKey(rangeVar))
  }

  createdObject(kind: string, key: string): boolean {
    return this.createdObjects.has(`${kind}:${key}`)
  }

  /** Whether a column of this name is added to the table after the current statement. */
  columnAddedLater(rangeVar: Node | undefined, column: string): boolean {
    return (this.lastColumnAdd.get(columnKey(relationKey(rangeVar), column)) ?? -1) > this.index
  }

  /** Whether a view of this (schema-qualified) name is created after the current statement. */
  viewCreatedLater(rangeVar: Node | undefined): boolean {
    return (this.lastViewCreate.get(relationKey(rangeVar)) ?? -1) > this.index
  }

  private declareType(key: string, type: ColumnType): void {
    this.columnTypes.set(key, type)
    const [table, column] = key.split('\0') as [string, string]
    this.declaredTypes.push({ table, column, type })
  }

  /** The column's type as declared earlier in this file, if it was. */
  declaredType(rangeVar: Node | undefined, column: string): ColumnType | undefined {
    return this.columnTypes.get(columnKey(relationKey(rangeVar), column))
  }

  hasValidatedNotNullCheck(rangeVar: Node | undefined, column: string): boolean {
    return this.notNullChecked.has(columnKey(relationKey(rangeVar), column))
  }

  /** The NOT VALID constraint added earlier in this file under that name, and in which transaction. */
  notValidConstraint(
    rangeVar: Node | undefined,
    name: string
  ): { constraint: Node; transaction: number } | undefined {
    return this.notValid.get(columnKey(relationKey(rangeVar), name))
  }

  /** Applies the current statement to the state the next statements see. */
  advance(): void {
    const { kind, node } = this.statement
    switch (kind) {
      case 'TransactionStmt':
        this.advanceTransaction(String(node.kind))
        break
      case 'VariableSetStmt': {
        const name = String(node.name).toLowerCase()
        if (name === 'lock_timeout') this.lockTimeoutSet = true
        if (name === 'statement_timeout') this.statementTimeoutSet = true
        break
      }
      case 'CreateStmt': {
        const table = relationKey(node.relation)
        this.createdTables.add(table)
        for (const element of (node.tableElts ?? []) as Node[])
          if (element.ColumnDef)
            this.declareType(
              columnKey(table, String(element.ColumnDef.colname)),
              columnType(element.ColumnDef.typeName)
            )
        break
      }
      case 'CreateTableAsStmt':
        if (node.objtype === 'OBJECT_MATVIEW')
          this.createdObjects.add(`OBJECT_MATVIEW:${relationKey(node.into?.rel)}`)
        else this.createdTables.add(relationKey(node.into?.rel))
        break
      case 'ViewStmt':
        this.createdObjects.add(`OBJECT_VIEW:${relationKey(node.view)}`)
        break
      case 'CreateSeqStmt':
        this.createdObjects.add(`OBJECT_SEQUENCE:${relationKey(node.sequence)}`)
        break
      case 'CreateEnumStmt':
      case 'CompositeTypeStmt':
      case 'CreateDomainStmt': {
        const names = (node.typeName ?? node.domainname ?? node.typevar) as Node[] | Node | undefined
        const name = Array.isArray(names) ? lastName(names) : String(names?.relname ?? '').toLowerCase()
        this.createdObjects.add(`OBJECT_TYPE:${name}`)
        this.createdObjects.add(`OBJECT_DOMAIN:${name}`)
        break
      }
      case 'AlterTableStmt':
        this.advanceAlterTable(node)
        break
    }
  }

  private advanceTransaction(kind: string): void {
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') {
      this.explicitBegin ??= this.statement
      this.transactionSerial++
    } else if (TRANSACTION_ENDS.has(kind)) {
      this.explicitBegin = undefined
      // A COMMIT ends a tool's transaction; a multi-statement query stays one implicit block after it.
      if (this.options.transaction === 'wrapped') this.toolTransactionOpen = false
      this.transactionSerial++
    }
  }

  private advanceAlterTable(alter: Node): void {
    const table = relationKey(alter.relation)
    for (const c of alterCommands(alter)) {
      switch (c.subtype) {
        case 'AT_AddColumn':
          this.declareType(
            columnKey(table, String(c.def?.ColumnDef?.colname)),
            columnType(c.def?.ColumnDef?.typeName)
          )
          break
        case 'AT_AlterColumnType':
          this.declareType(columnKey(table, String(c.name)), columnType(c.def?.ColumnDef?.typeName))
          break
        case 'AT_DropConstraint':
          if (c.missing_ok) this.droppedIfExists.add(columnKey(table, String(c.name)))
          break
        case 'AT_AddConstraint': {
          const constraint = c.def?.Constraint as Node
          const checked = notNullColumn(constraint)
          if (constraint.skip_validation) {
            if (constraint.conname)
              this.notValid.set(columnKey(table, String(constraint.conname)), {
                constraint,
                transaction: this.transactionId
              })
          } else if (checked) this.notNullChecked.add(columnKey(table, checked))
          break
        }
        case 'AT_ValidateConstraint': {
          const added = this.notValid.get(columnKey(table, String(c.name)))
          const checked = added && notNullColumn(added.constraint)
          if (checked) this.notNullChecked.add(columnKey(table, checked))
          break
        }
      }
    }
  }
}

/** The column of a `CHECK (col IS NOT NULL)` constraint, if that is what it is. */
function notNullColumn(constraint: Node | undefined): string | undefined {
  if (constraint?.contype !== 'CONSTR_CHECK') return undefined
  const test = constraint.raw_expr?.NullTest as Node | undefined
  if (test?.nulltesttype !== 'IS_NOT_NULL') return undefined
  const fields = (test.arg?.ColumnRef?.fields ?? []) as Node[]
  return fields.length === 1 ? String(fields[0]!.String?.sval ?? '').toLowerCase() || undefined : undefined
}
