exports.up = pgm => {
  pgm.dropColumn('users', 'note')
  pgm.renameColumn('users', 'email', 'mail')
  pgm.addColumn('users', { plan: { type: 'varchar(20)', notNull: true } })
  pgm.alterColumn('users', 'age', { type: 'bigint' })
  pgm.createIndex('users', 'mail')
  pgm.createTable('teams', { id: 'id' })
  pgm.addColumn('teams', { name: { type: 'text', notNull: true } })
}

exports.down = false
