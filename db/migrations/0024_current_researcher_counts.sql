-- current_researcher_counts: how many current researchers there are per
-- (lab_id, area_id), 0 meaning "any" — (0, 0) is everyone current, (lab, 0)
-- a lab, (0, area) an area, (lab, area) both. The people list reads its total
-- here instead of counting the matching index entries (bench/README.md).
--
-- The triggers add or remove one person's keys: (0, 0), (lab, 0) and, per
-- area of theirs, (0, area) and (lab, area). A researcher's delete is counted
-- BEFORE it happens: the ON DELETE CASCADE removes their researcher_areas
-- rows after the researcher row is gone, when neither side's AFTER trigger
-- can still see the other (so researcher_areas_counts_ad finds no current
-- researcher and does nothing). Rows whose n fell to 0 stay; a missing row is 0.

INSERT INTO `current_researcher_counts` (`lab_id`, `area_id`, `n`)
SELECT k.lab_id, k.area_id, count(*) FROM (
  SELECT 0 AS lab_id, 0 AS area_id FROM researchers r WHERE r.status = 'current'
  UNION ALL SELECT r.lab_id, 0 FROM researchers r WHERE r.status = 'current'
  UNION ALL SELECT 0, ra.area_id FROM researchers r JOIN researcher_areas ra ON ra.researcher_id = r.id WHERE r.status = 'current'
  UNION ALL SELECT r.lab_id, ra.area_id FROM researchers r JOIN researcher_areas ra ON ra.researcher_id = r.id WHERE r.status = 'current'
) k GROUP BY k.lab_id, k.area_id;
--> statement-breakpoint
CREATE TRIGGER `researchers_counts_ai` AFTER INSERT ON `researchers` WHEN new.status = 'current' BEGIN
  INSERT INTO current_researcher_counts (lab_id, area_id, n)
  SELECT k.lab_id, k.area_id, 1 FROM (
    SELECT 0 AS lab_id, 0 AS area_id
    UNION ALL SELECT new.lab_id, 0
    UNION ALL SELECT 0, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = new.id
    UNION ALL SELECT new.lab_id, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = new.id
  ) k WHERE true
  ON CONFLICT (lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_counts_bd` BEFORE DELETE ON `researchers` WHEN old.status = 'current' BEGIN
  UPDATE current_researcher_counts SET n = n - 1
  WHERE (lab_id, area_id) IN (
    SELECT 0, 0
    UNION ALL SELECT old.lab_id, 0
    UNION ALL SELECT 0, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = old.id
    UNION ALL SELECT old.lab_id, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = old.id
  );
END;
--> statement-breakpoint
CREATE TRIGGER `researchers_counts_au` AFTER UPDATE OF status, lab_id ON `researchers`
WHEN old.status IS NOT new.status OR old.lab_id IS NOT new.lab_id BEGIN
  UPDATE current_researcher_counts SET n = n - 1
  WHERE old.status = 'current' AND (lab_id, area_id) IN (
    SELECT 0, 0
    UNION ALL SELECT old.lab_id, 0
    UNION ALL SELECT 0, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = old.id
    UNION ALL SELECT old.lab_id, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = old.id
  );
  INSERT INTO current_researcher_counts (lab_id, area_id, n)
  SELECT k.lab_id, k.area_id, 1 FROM (
    SELECT 0 AS lab_id, 0 AS area_id
    UNION ALL SELECT new.lab_id, 0
    UNION ALL SELECT 0, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = new.id
    UNION ALL SELECT new.lab_id, ra.area_id FROM researcher_areas ra WHERE ra.researcher_id = new.id
  ) k WHERE new.status = 'current'
  ON CONFLICT (lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_counts_ai` AFTER INSERT ON `researcher_areas` BEGIN
  INSERT INTO current_researcher_counts (lab_id, area_id, n)
  SELECT k.lab_id, new.area_id, 1 FROM (
    SELECT 0 AS lab_id FROM researchers r WHERE r.id = new.researcher_id AND r.status = 'current'
    UNION ALL SELECT r.lab_id FROM researchers r WHERE r.id = new.researcher_id AND r.status = 'current'
  ) k WHERE true
  ON CONFLICT (lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_counts_ad` AFTER DELETE ON `researcher_areas` BEGIN
  UPDATE current_researcher_counts SET n = n - 1
  WHERE area_id = old.area_id AND lab_id IN (
    SELECT 0 FROM researchers r WHERE r.id = old.researcher_id AND r.status = 'current'
    UNION ALL SELECT r.lab_id FROM researchers r WHERE r.id = old.researcher_id AND r.status = 'current'
  );
END;
--> statement-breakpoint
CREATE TRIGGER `researcher_areas_counts_au` AFTER UPDATE ON `researcher_areas`
WHEN old.researcher_id IS NOT new.researcher_id OR old.area_id IS NOT new.area_id BEGIN
  UPDATE current_researcher_counts SET n = n - 1
  WHERE area_id = old.area_id AND lab_id IN (
    SELECT 0 FROM researchers r WHERE r.id = old.researcher_id AND r.status = 'current'
    UNION ALL SELECT r.lab_id FROM researchers r WHERE r.id = old.researcher_id AND r.status = 'current'
  );
  INSERT INTO current_researcher_counts (lab_id, area_id, n)
  SELECT k.lab_id, new.area_id, 1 FROM (
    SELECT 0 AS lab_id FROM researchers r WHERE r.id = new.researcher_id AND r.status = 'current'
    UNION ALL SELECT r.lab_id FROM researchers r WHERE r.id = new.researcher_id AND r.status = 'current'
  ) k WHERE true
  ON CONFLICT (lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `current_researcher_counts_content_version_ai` AFTER INSERT ON `current_researcher_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `current_researcher_counts_content_version_au` AFTER UPDATE ON `current_researcher_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `current_researcher_counts_content_version_ad` AFTER DELETE ON `current_researcher_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
