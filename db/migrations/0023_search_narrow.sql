CREATE TABLE `current_researcher_counts` (
	`lab_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`lab_id`, `area_id`)
);
--> statement-breakpoint
CREATE INDEX `openings_search_idx` ON `openings` (`id`,`status`,`kind`,`lab_id`,`closes_at`,`published_at`);--> statement-breakpoint
CREATE INDEX `researchers_search_idx` ON `researchers` (`id`,`status`,`lab_id`,`sort_name`);