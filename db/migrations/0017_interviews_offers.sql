CREATE TABLE `interview_interviewers` (
	`id` integer PRIMARY KEY NOT NULL,
	`interview_id` integer NOT NULL,
	`user_id` integer,
	`researcher_id` integer,
	FOREIGN KEY (`interview_id`) REFERENCES `interviews`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `interview_interviewers_interview_idx` ON `interview_interviewers` (`interview_id`);--> statement-breakpoint
CREATE INDEX `interview_interviewers_user_idx` ON `interview_interviewers` (`user_id`);--> statement-breakpoint
CREATE TABLE `interviews` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`place_kind` text NOT NULL,
	`place` text NOT NULL,
	`note_for_candidate` text DEFAULT '' NOT NULL,
	`uid` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interviews_uid_unique` ON `interviews` (`uid`);--> statement-breakpoint
CREATE INDEX `interviews_application_idx` ON `interviews` (`application_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `interviews_status_starts_idx` ON `interviews` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`title` text NOT NULL,
	`start_date` text NOT NULL,
	`pay_kind` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`pay_period` text NOT NULL,
	`duration_months` integer,
	`letter` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`expires_at` integer NOT NULL,
	`drafted_by` integer,
	`approved_by` integer,
	`approved_at` integer,
	`sent_at` integer,
	`responded_at` integer,
	`decline_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`drafted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `offers_application_idx` ON `offers` (`application_id`);--> statement-breakpoint
CREATE INDEX `offers_status_expires_idx` ON `offers` (`status`,`expires_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `calendar` text;--> statement-breakpoint
ALTER TABLE `scorecards` ADD `interview_id` integer REFERENCES interviews(id) ON DELETE set null;