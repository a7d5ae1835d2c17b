CREATE TABLE `organisation_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text DEFAULT '' NOT NULL,
	`brand_colour` text NOT NULL,
	`accent_colour` text NOT NULL,
	`logo_file_id` integer,
	`logo_png_file_id` integer,
	`logo_card_file_id` integer,
	`logo_width` integer,
	`logo_height` integer,
	`home_heading` text DEFAULT '' NOT NULL,
	`home_intro` text DEFAULT '' NOT NULL,
	`home_cta_label` text DEFAULT '' NOT NULL,
	`home_cta_url` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`postal_address` text DEFAULT '' NOT NULL,
	`privacy_controller` text DEFAULT '' NOT NULL,
	`privacy_contact` text DEFAULT '' NOT NULL,
	`social_links` text DEFAULT '[]' NOT NULL,
	`about_lens` text DEFAULT '' NOT NULL,
	`about_values` text DEFAULT '' NOT NULL,
	`about_quote` text DEFAULT '' NOT NULL,
	`about_quote_by` text DEFAULT '' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`logo_file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`logo_png_file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`logo_card_file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "organisation_settings_one_row" CHECK("organisation_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `researcher_accounts` (
	`researcher_id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`user_id` integer,
	`invite_token_hash` text,
	`invite_expires_at` integer,
	`invited_at` integer,
	`invited_by` integer,
	`linked_at` integer,
	FOREIGN KEY (`researcher_id`) REFERENCES `researchers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `researcher_accounts_email_unique` ON `researcher_accounts` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `researcher_accounts_user_id_unique` ON `researcher_accounts` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `researcher_accounts_invite_token_hash_unique` ON `researcher_accounts` (`invite_token_hash`);--> statement-breakpoint
CREATE TABLE `setup_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
