-- Alone in its file: golang-migrate sends it as a single statement, outside any transaction.
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
