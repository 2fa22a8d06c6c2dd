exports.up = async knex => {
  await knex.schema.alterTable('users', t => {
    t.dropColumn('note')
  })
  await knex.schema.alterTable('users', t => {
    t.renameColumn('email', 'mail')
  })
  await knex.schema.alterTable('orders', t => {
    t.integer('total').notNullable()
  })
  await knex.schema.alterTable('orders', t => {
    t.text('code').alter()
  })
  await knex.schema.alterTable('users', t => {
    t.index(['mail'])
  })
  await knex.schema.createTable('items', t => {
    t.increments('id')
  })
  await knex.schema.alterTable('items', t => {
    t.integer('qty').notNullable()
  })
}
exports.down = async () => {}
