exports.up = knex => knex.schema.createTable('orders', t => { t.increments('id'); t.string('code', 20) })
exports.down = knex => knex.schema.dropTable('orders')
