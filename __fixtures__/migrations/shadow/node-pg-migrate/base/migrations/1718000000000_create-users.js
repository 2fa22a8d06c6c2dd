exports.up = pgm => {
  pgm.createTable('users', {
    id: 'id',
    email: { type: 'varchar(100)' },
    note: { type: 'text' },
    age: { type: 'integer' }
  })
}

exports.down = pgm => {
  pgm.dropTable('users')
}
