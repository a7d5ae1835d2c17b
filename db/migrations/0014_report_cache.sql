-- Reports cache: one counter bumped by every write a hiring report depends on
-- (applications, their events, stages, openings). app/models/reports.server.ts
-- keeps computed reports in memory keyed by this counter, so a report is
-- recomputed only after such a write. Notes, scorecards and other
-- updated_at-only changes do not bump it.
CREATE TABLE `report_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO `report_state` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `report_state_applications_ins` AFTER INSERT ON `applications` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_applications_del` AFTER DELETE ON `applications` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_applications_upd` AFTER UPDATE OF `stage_id`, `status`, `source`, `opening_id`, `created_at` ON `applications` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_events_ins` AFTER INSERT ON `application_events` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_events_del` AFTER DELETE ON `application_events` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_events_upd` AFTER UPDATE OF `type`, `at`, `to_stage_id`, `application_id` ON `application_events` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_stages_ins` AFTER INSERT ON `stages` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_stages_del` AFTER DELETE ON `stages` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_stages_upd` AFTER UPDATE OF `name`, `position`, `opening_id` ON `stages` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `report_state_openings_del` AFTER DELETE ON `openings` BEGIN
  UPDATE `report_state` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- One spelling of the careers site (app/models/sources.ts): existing rows written
-- before sources were normalised on write.
UPDATE `applications` SET `source` = 'The Northlight Research careers site'
WHERE lower(trim(`source`)) IN ('our website', 'website', 'the website', 'careers site', 'career site',
  'the careers site', 'our careers site', 'careers page', 'careers website', 'jobs page',
  'northlight careers site', 'northlight research careers site', 'the northlight research careers site');
