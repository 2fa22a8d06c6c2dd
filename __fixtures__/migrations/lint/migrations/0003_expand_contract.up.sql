-- The safe forms: none of these is reported.
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
COMMIT; ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT now();
ALTER TABLE accounts RENAME TO customers;
CREATE VIEW accounts AS SELECT * FROM customers;
ALTER TABLE users RENAME COLUMN fullname TO display_name;
ALTER TABLE users ADD COLUMN fullname text;
DELETE FROM sessions WHERE expires_at < now();
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
