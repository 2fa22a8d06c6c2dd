ALTER TABLE customers RENAME TO accounts;
