-- Up Migration
-- Expand step: nullable, so the running version keeps inserting users without it.
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN phone text;

-- Down Migration
ALTER TABLE users DROP COLUMN phone;
