-- Up Migration
-- "name" is now split into first_name/last_name; the old column is no longer needed.
ALTER TABLE users RENAME COLUMN email TO email_address;
ALTER TABLE users DROP COLUMN name;
