ALTER TABLE users ADD COLUMN ok text;
-- the next statement has a typo on line 3
ALTER TABEL users ADD COLUMN broken text;
