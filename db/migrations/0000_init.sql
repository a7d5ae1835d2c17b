CREATE TABLE `application_answers` (
	`application_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`application_id`, `question_id`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `screening_questions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `application_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`type` text NOT NULL,
	`from_stage_id` integer,
	`to_stage_id` integer,
	`candidate_visible` integer NOT NULL,
	`public_status` text,
	`public_message` text,
	`internal_detail` text,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`to_stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `application_events_application_idx` ON `application_events` (`application_id`,`at`);--> statement-breakpoint
CREATE INDEX `application_events_type_at_idx` ON `application_events` (`type`,`at`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY NOT NULL,
	`opening_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`resume_file_id` integer,
	`cover_letter` text DEFAULT '' NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`consent_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`stage_entered_at` integer NOT NULL,
	`public_changed_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`opening_id`) REFERENCES `openings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stage_id`) REFERENCES `stages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resume_file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `applications_opening_stage_idx` ON `applications` (`opening_id`,`stage_id`,`status`);--> statement-breakpoint
CREATE INDEX `applications_candidate_idx` ON `applications` (`candidate_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `applications_stage_entered_idx` ON `applications` (`stage_id`,`stage_entered_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_one_active_idx` ON `applications` (`opening_id`,`candidate_id`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`subject_user_id` integer,
	`ip` text,
	`detail` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`subject_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_at_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `board_visits` (
	`user_id` integer NOT NULL,
	`opening_id` integer NOT NULL,
	`last_visited_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `opening_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opening_id`) REFERENCES `openings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `candidate_profiles` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`headline` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`homepage_url` text,
	`orcid` text,
	`scholar_url` text,
	`github_url` text,
	`linkedin_url` text,
	`resume_file_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resume_file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `files` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_user_id` integer,
	`kind` text NOT NULL,
	`storage_name` text NOT NULL,
	`original_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `files_storage_name_unique` ON `files` (`storage_name`);--> statement-breakpoint
CREATE INDEX `files_owner_idx` ON `files` (`owner_user_id`);--> statement-breakpoint
CREATE TABLE `labs` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`city` text NOT NULL,
	`country` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `labs_slug_unique` ON `labs` (`slug`);--> statement-breakpoint
CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`blocked_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`author_user_id` integer,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `notes_application_idx` ON `notes` (`application_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `opening_areas` (
	`opening_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`opening_id`, `area_id`),
	FOREIGN KEY (`opening_id`) REFERENCES `openings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `research_areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opening_areas_area_idx` ON `opening_areas` (`area_id`,`opening_id`);--> statement-breakpoint
CREATE TABLE `opening_team` (
	`opening_id` integer NOT NULL,
	`researcher_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`opening_id`, `researcher_id`),
	FOREIGN KEY (`opening_id`) REFERENCES `openings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opening_team_researcher_idx` ON `opening_team` (`researcher_id`,`opening_id`);--> statement-breakpoint
CREATE TABLE `openings` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`lab_id` integer NOT NULL,
	`location` text NOT NULL,
	`remote_policy` text DEFAULT 'onsite' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`qualifications` text DEFAULT '' NOT NULL,
	`scorecard_criteria` text DEFAULT '[]' NOT NULL,
	`closes_at` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`lab_id`) REFERENCES `labs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `openings_slug_unique` ON `openings` (`slug`);--> statement-breakpoint
CREATE INDEX `openings_status_published_idx` ON `openings` (`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `openings_lab_status_idx` ON `openings` (`lab_id`,`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `openings_kind_status_idx` ON `openings` (`kind`,`status`,`published_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_created_idx` ON `outbox` (`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_to_idx` ON `outbox` (`to`);--> statement-breakpoint
CREATE TABLE `password_reset_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_reset_tokens_user_idx` ON `password_reset_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY NOT NULL,
	`researcher_id` integer NOT NULL,
	`title` text NOT NULL,
	`venue` text NOT NULL,
	`year` integer NOT NULL,
	`url` text,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `publications_researcher_year_idx` ON `publications` (`researcher_id`,`year`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `research_areas` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`summary` text NOT NULL,
	`description` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `research_areas_slug_unique` ON `research_areas` (`slug`);--> statement-breakpoint
CREATE TABLE `researcher_areas` (
	`researcher_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`researcher_id`, `area_id`),
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `research_areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `researcher_areas_area_idx` ON `researcher_areas` (`area_id`,`researcher_id`);--> statement-breakpoint
CREATE TABLE `researchers` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`sort_name` text NOT NULL,
	`title` text NOT NULL,
	`lab_id` integer NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`photo_file_id` integer,
	`homepage_url` text,
	`orcid` text,
	`scholar_url` text,
	`github_url` text,
	`status` text DEFAULT 'current' NOT NULL,
	`featured` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`lab_id`) REFERENCES `labs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `researchers_slug_unique` ON `researchers` (`slug`);--> statement-breakpoint
CREATE INDEX `researchers_lab_status_sort_idx` ON `researchers` (`lab_id`,`status`,`sort_name`);--> statement-breakpoint
CREATE INDEX `researchers_status_sort_idx` ON `researchers` (`status`,`sort_name`);--> statement-breakpoint
CREATE INDEX `researchers_featured_idx` ON `researchers` (`featured`,`status`);--> statement-breakpoint
CREATE TABLE `scorecards` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`reviewer_user_id` integer NOT NULL,
	`ratings` text NOT NULL,
	`recommendation` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecards_application_reviewer_idx` ON `scorecards` (`application_id`,`reviewer_user_id`);--> statement-breakpoint
CREATE TABLE `screening_questions` (
	`id` integer PRIMARY KEY NOT NULL,
	`opening_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`options` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`opening_id`) REFERENCES `openings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `screening_questions_opening_idx` ON `screening_questions` (`opening_id`,`position`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_active_at` integer NOT NULL,
	`user_agent` text,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `stages` (
	`id` integer PRIMARY KEY NOT NULL,
	`opening_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`public_status` text NOT NULL,
	FOREIGN KEY (`opening_id`) REFERENCES `openings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stages_opening_idx` ON `stages` (`opening_id`,`position`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'candidate' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);