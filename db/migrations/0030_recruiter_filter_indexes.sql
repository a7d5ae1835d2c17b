CREATE INDEX `openings_title_idx` ON `openings` (`title`);--> statement-breakpoint
CREATE INDEX `stages_name_idx` ON `stages` (`name`);