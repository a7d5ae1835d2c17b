CREATE TABLE `external_identities` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`provider` text NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `external_identities_subject_idx` ON `external_identities` (`issuer`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `external_identities_user_idx` ON `external_identities` (`user_id`,`provider`);--> statement-breakpoint
CREATE TABLE `orcid_sign_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`issuer` text NOT NULL,
	`orcid` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`email_token_hash` text,
	`redirect_to` text DEFAULT '/' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orcid_sign_ups_email_token_hash_unique` ON `orcid_sign_ups` (`email_token_hash`);--> statement-breakpoint
CREATE INDEX `orcid_sign_ups_expires_idx` ON `orcid_sign_ups` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sign_in_flows` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`oauth_state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`redirect_to` text DEFAULT '/' NOT NULL,
	`link_user_id` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`link_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sign_in_flows_expires_idx` ON `sign_in_flows` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sign_in_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`require_staff_sso` integer DEFAULT false NOT NULL,
	`break_glass_user_id` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`break_glass_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "sign_in_settings_one_row" CHECK("sign_in_settings"."id" = 1)
);
