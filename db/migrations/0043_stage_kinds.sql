ALTER TABLE `stages` ADD `kind` text DEFAULT 'custom' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `stages_one_hired_idx` ON `stages` (`opening_id`) WHERE kind = 'hired';