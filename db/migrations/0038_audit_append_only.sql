-- The audit log is append-only: a chained row is never changed, and no row is
-- deleted (the hash chain would show either; these make the app unable to).
-- Rows written before the chain existed get their hash once, after migrating.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN OLD.`hash` IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'audit_log rows are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log rows are append-only');
END;
