CREATE TABLE `publication_authors` (
	`publication_id` integer NOT NULL,
	`researcher_id` integer NOT NULL,
	PRIMARY KEY(`publication_id`, `researcher_id`),
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `publication_authors_researcher_idx` ON `publication_authors` (`researcher_id`,`publication_id`);--> statement-breakpoint
CREATE TABLE `tool_areas` (
	`tool_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	PRIMARY KEY(`tool_id`, `area_id`),
	FOREIGN KEY (`tool_id`) REFERENCES `tools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `research_areas`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tool_areas_area_idx` ON `tool_areas` (`area_id`,`tool_id`);--> statement-breakpoint
CREATE TABLE `tool_maintainers` (
	`tool_id` integer NOT NULL,
	`researcher_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tool_id`, `researcher_id`),
	FOREIGN KEY (`tool_id`) REFERENCES `tools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tool_maintainers_researcher_idx` ON `tool_maintainers` (`researcher_id`,`tool_id`);--> statement-breakpoint
CREATE TABLE `tool_publications` (
	`tool_id` integer NOT NULL,
	`publication_id` integer NOT NULL,
	PRIMARY KEY(`tool_id`, `publication_id`),
	FOREIGN KEY (`tool_id`) REFERENCES `tools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tool_publications_publication_idx` ON `tool_publications` (`publication_id`,`tool_id`);--> statement-breakpoint
CREATE TABLE `tools` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`repository_url` text,
	`documentation_url` text,
	`license` text NOT NULL,
	`lab_id` integer,
	`featured` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`lab_id`) REFERENCES `labs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tools_slug_unique` ON `tools` (`slug`);--> statement-breakpoint
CREATE INDEX `tools_kind_name_idx` ON `tools` (`kind`,`name`);--> statement-breakpoint
CREATE INDEX `tools_lab_idx` ON `tools` (`lab_id`);--> statement-breakpoint
CREATE INDEX `tools_featured_idx` ON `tools` (`featured`,`name`);--> statement-breakpoint
ALTER TABLE `labs` ADD `address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `labs` ADD `latitude` real;--> statement-breakpoint
ALTER TABLE `labs` ADD `longitude` real;--> statement-breakpoint
ALTER TABLE `labs` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `type` text DEFAULT 'inproceedings' NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `authors` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `doi` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `area_id` integer REFERENCES research_areas(id);--> statement-breakpoint
CREATE INDEX `publications_year_idx` ON `publications` (`year`);--> statement-breakpoint
CREATE INDEX `publications_area_year_idx` ON `publications` (`area_id`,`year`);