CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
-- A new table has no readers yet: indexing it inside the same migration is fine.
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;
