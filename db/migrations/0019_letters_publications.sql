CREATE TABLE `candidate_publications` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`title` text NOT NULL,
	`authors` text DEFAULT '' NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`year` integer,
	`doi` text,
	`url` text,
	`norm_title` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `candidate_publications_user_idx` ON `candidate_publications` (`user_id`,`year`);--> statement-breakpoint
CREATE INDEX `candidate_publications_doi_idx` ON `candidate_publications` (`user_id`,`doi`);--> statement-breakpoint
CREATE TABLE `referees` (
	`id` integer PRIMARY KEY NOT NULL,
	`application_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`relationship` text NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`token_hash` text,
	`token_expires_at` integer,
	`requested_at` integer NOT NULL,
	`last_reminder_at` integer,
	`received_at` integer,
	`replaced_at` integer,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referees_token_hash_unique` ON `referees` (`token_hash`);--> statement-breakpoint
CREATE INDEX `referees_application_idx` ON `referees` (`application_id`,`status`);--> statement-breakpoint
CREATE TABLE `reference_letters` (
	`id` integer PRIMARY KEY NOT NULL,
	`referee_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`file_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`referee_id`) REFERENCES `referees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reference_letters_referee_id_unique` ON `reference_letters` (`referee_id`);--> statement-breakpoint
CREATE INDEX `reference_letters_application_idx` ON `reference_letters` (`application_id`);--> statement-breakpoint
ALTER TABLE `openings` ADD `letters_required` integer DEFAULT 0 NOT NULL;