CREATE TABLE `open_opening_counts` (
	`kind` text NOT NULL,
	`lab_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`kind`, `lab_id`, `area_id`)
);
