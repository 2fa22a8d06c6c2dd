-- Up Migration
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN paid_at timestamptz;
-- Validated separately so the scan does not block writes.
ALTER TABLE orders ADD CONSTRAINT orders_paid_at_after_created CHECK (paid_at IS NULL OR paid_at >= created_at) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_paid_at_after_created;

-- Down Migration
ALTER TABLE orders DROP CONSTRAINT orders_paid_at_after_created;
ALTER TABLE orders DROP COLUMN paid_at;
