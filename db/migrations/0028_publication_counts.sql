CREATE TABLE `publication_counts` (
	`area_id` integer NOT NULL,
	`year` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`area_id`, `year`)
);
--> statement-breakpoint
DROP INDEX `publications_year_idx`;--> statement-breakpoint
DROP INDEX `publications_area_year_idx`;--> statement-breakpoint
CREATE INDEX `publications_year_title_idx` ON `publications` ("year" DESC,"title" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `publications_area_year_title_idx` ON `publications` (`area_id`,"year" DESC,"title" COLLATE NOCASE,`id`);