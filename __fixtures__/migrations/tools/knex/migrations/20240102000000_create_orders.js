exports.up = knex => knex.schema.createTable('orders', t => {
  t.increments('id')
})

exports.down = knex => knex.schema.dropTable('orders')
