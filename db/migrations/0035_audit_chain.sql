CREATE TABLE `audit_context` (
	`audit_id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`ip` text,
	`email` text
);
--> statement-breakpoint
CREATE INDEX `audit_context_at_idx` ON `audit_context` (`at`);--> statement-breakpoint
CREATE INDEX `audit_context_email_idx` ON `audit_context` (`email`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;