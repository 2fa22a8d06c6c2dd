exports.up = knex => knex.schema.createTable('users', t => { t.bigIncrements('id'); t.string('email'); t.text('note') })
exports.down = knex => knex.schema.dropTable('users')
