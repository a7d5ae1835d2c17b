ALTER TABLE `candidate_publications` ADD `entry_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `month` integer;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `pages` text;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `eprint` text;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `eprint_type` text;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `author_list` text;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `more_authors` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `extra` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `candidate_publications` ADD `citation_key` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `entry_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `month` integer;--> statement-breakpoint
ALTER TABLE `publications` ADD `pages` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `eprint` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `eprint_type` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `author_list` text;--> statement-breakpoint
ALTER TABLE `publications` ADD `more_authors` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `extra` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `publications` ADD `citation_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `publications_citation_key_idx` ON `publications` (`citation_key`);