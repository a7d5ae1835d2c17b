-- The public page cache (app/utils/page-cache.server.ts) keys every entry by
-- content_version.version. Each write to a table that a public page shows bumps
-- it from a trigger, inside the writer's transaction: no write path can forget,
-- and a rolled-back write bumps nothing. Tables only staff or a candidate see
-- (applications, notes, sessions…) have no trigger, so applying and signing in
-- leave the cache warm. app/utils/page-cache.server.ts lists both kinds and a
-- test fails when a table is in neither list.

INSERT INTO `content_version` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `research_areas_content_version_ai` AFTER INSERT ON `research_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `research_areas_content_version_au` AFTER UPDATE ON `research_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `research_areas_content_version_ad` AFTER DELETE ON `research_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `labs_content_version_ai` AFTER INSERT ON `labs` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `labs_content_version_au` AFTER UPDATE ON `labs` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `labs_content_version_ad` AFTER DELETE ON `labs` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_content_version_ai` AFTER INSERT ON `researchers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_content_version_au` AFTER UPDATE ON `researchers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_content_version_ad` AFTER DELETE ON `researchers` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_content_version_ai` AFTER INSERT ON `researcher_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_content_version_au` AFTER UPDATE ON `researcher_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_content_version_ad` AFTER DELETE ON `researcher_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publications_content_version_ai` AFTER INSERT ON `publications` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publications_content_version_au` AFTER UPDATE ON `publications` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publications_content_version_ad` AFTER DELETE ON `publications` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `openings_content_version_ai` AFTER INSERT ON `openings` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `openings_content_version_au` AFTER UPDATE ON `openings` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `openings_content_version_ad` AFTER DELETE ON `openings` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_content_version_ai` AFTER INSERT ON `opening_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_content_version_au` AFTER UPDATE ON `opening_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_content_version_ad` AFTER DELETE ON `opening_areas` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_team_content_version_ai` AFTER INSERT ON `opening_team` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_team_content_version_au` AFTER UPDATE ON `opening_team` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_team_content_version_ad` AFTER DELETE ON `opening_team` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `screening_questions_content_version_ai` AFTER INSERT ON `screening_questions` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `screening_questions_content_version_au` AFTER UPDATE ON `screening_questions` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `screening_questions_content_version_ad` AFTER DELETE ON `screening_questions` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
