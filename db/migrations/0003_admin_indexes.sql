CREATE INDEX `audit_log_actor_at_idx` ON `audit_log` (`actor_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_subject_at_idx` ON `audit_log` (`subject_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `users_created_idx` ON `users` (`created_at`);