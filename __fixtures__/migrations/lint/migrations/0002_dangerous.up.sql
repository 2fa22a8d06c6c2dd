-- one statement per rule, on known lines
DROP TABLE legacy_events;
ALTER TABLE users DROP COLUMN nickname;
DROP SCHEMA archive CASCADE;
TRUNCATE audit_log;
DELETE FROM sessions;
UPDATE users SET active = true;
ALTER TABLE users RENAME COLUMN email TO email_address;
ALTER TABLE orders RENAME TO purchases;
ALTER TABLE users ALTER COLUMN age TYPE bigint;
ALTER TABLE users ADD COLUMN region_id bigint NOT NULL;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
CREATE INDEX users_name_idx ON users (name);
DROP INDEX users_old_idx;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
  ALTER TABLE users
    ADD COLUMN seq bigserial;
