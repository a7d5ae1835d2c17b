-- Programs and events are shown on public pages: writes to them bump content_version
-- like the tables of 0011_content_version_triggers.sql, so cached pages never go stale.

CREATE TRIGGER `events_content_version_ai` AFTER INSERT ON `events` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_content_version_au` AFTER UPDATE ON `events` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_content_version_ad` AFTER DELETE ON `events` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_areas_content_version_ai` AFTER INSERT ON `event_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_areas_content_version_au` AFTER UPDATE ON `event_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_areas_content_version_ad` AFTER DELETE ON `event_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_speakers_content_version_ai` AFTER INSERT ON `event_speakers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_speakers_content_version_au` AFTER UPDATE ON `event_speakers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `event_speakers_content_version_ad` AFTER DELETE ON `event_speakers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programs_content_version_ai` AFTER INSERT ON `programs` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programs_content_version_au` AFTER UPDATE ON `programs` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `programs_content_version_ad` AFTER DELETE ON `programs` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `program_alumni_content_version_ai` AFTER INSERT ON `program_alumni` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `program_alumni_content_version_au` AFTER UPDATE ON `program_alumni` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `program_alumni_content_version_ad` AFTER DELETE ON `program_alumni` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
