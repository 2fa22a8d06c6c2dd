// CREATE INDEX CONCURRENTLY cannot run in a transaction, so this migration opts out of node-pg-migrate's.
exports.up = pgm => {
  pgm.noTransaction()
  pgm.sql('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id)')
}

exports.down = pgm => {
  pgm.noTransaction()
  pgm.sql('DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx')
}
