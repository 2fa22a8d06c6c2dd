-- deploy-gates: allow drop-column unused since v2.3, see OPS-12
ALTER TABLE users DROP COLUMN legacy_flags;
-- deploy-gates: allow drop-table
DROP TABLE old_reports;
-- deploy-gates: allow no-such-rule typo in the rule id
/* the allow above applies to this statement */ SELECT 1;
