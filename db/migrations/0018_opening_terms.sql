ALTER TABLE `openings` ADD `employment_type` text;--> statement-breakpoint
ALTER TABLE `openings` ADD `duration_months` integer;--> statement-breakpoint
ALTER TABLE `openings` ADD `pay_min` integer;--> statement-breakpoint
ALTER TABLE `openings` ADD `pay_max` integer;--> statement-breakpoint
ALTER TABLE `openings` ADD `pay_currency` text;--> statement-breakpoint
ALTER TABLE `openings` ADD `pay_period` text;