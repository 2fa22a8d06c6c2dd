-- migrate:up
ALTER TABLE orders DROP COLUMN note;

-- migrate:down
