CREATE TABLE `event_areas` (
	`event_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `area_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `research_areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_areas_area_idx` ON `event_areas` (`area_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `event_speakers` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`researcher_id` integer,
	`name` text,
	`affiliation` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_speakers_event_idx` ON `event_speakers` (`event_id`,`position`);--> statement-breakpoint
CREATE INDEX `event_speakers_researcher_idx` ON `event_speakers` (`researcher_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`lab_id` integer,
	`venue_name` text,
	`venue_address` text,
	`online_url` text,
	`abstract` text DEFAULT '' NOT NULL,
	`recording_url` text,
	`slides_url` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`lab_id`) REFERENCES `labs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE INDEX `events_starts_idx` ON `events` (`starts_at`);--> statement-breakpoint
CREATE INDEX `events_lab_starts_idx` ON `events` (`lab_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `program_alumni` (
	`program_id` integer NOT NULL,
	`researcher_id` integer NOT NULL,
	`year` integer NOT NULL,
	PRIMARY KEY(`program_id`, `researcher_id`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `program_alumni_researcher_idx` ON `program_alumni` (`researcher_id`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`audience` text DEFAULT '' NOT NULL,
	`duration` text NOT NULL,
	`stipend` text NOT NULL,
	`eligibility` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`faq` text DEFAULT '' NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`decisions_on` text NOT NULL,
	`starts_on` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programs_slug_unique` ON `programs` (`slug`);--> statement-breakpoint
ALTER TABLE `openings` ADD `program_id` integer REFERENCES programs(id);--> statement-breakpoint
CREATE INDEX `openings_program_idx` ON `openings` (`program_id`,`status`);