-- open_opening_counts: how many openings have status 'open' per (kind, lab_id,
-- area_id), '' and 0 meaning "any". The careers list reads its total here and
-- subtracts the open roles already past their closing date, found through
-- openings_status_closes_idx (a handful: recruiters close them), instead of
-- counting every open opening (bench/README.md). Same scheme as
-- current_researcher_counts (0024): an opening's keys are every combination
-- of {'', kind} x {0, lab} x {0, each of its areas}; its delete is counted
-- BEFORE it happens, as the cascade to opening_areas runs after the row is gone.

INSERT INTO `open_opening_counts` (`kind`, `lab_id`, `area_id`, `n`)
SELECT k.kind, l.lab_id, a.area_id, count(*) FROM
  (SELECT o.id, '' AS kind FROM openings o WHERE o.status = 'open'
   UNION ALL SELECT o.id, o.kind FROM openings o WHERE o.status = 'open') k
  JOIN (SELECT o.id, 0 AS lab_id FROM openings o UNION ALL SELECT o.id, o.lab_id FROM openings o) l ON l.id = k.id
  JOIN (SELECT o.id, 0 AS area_id FROM openings o UNION ALL SELECT oa.opening_id, oa.area_id FROM opening_areas oa) a ON a.id = k.id
GROUP BY k.kind, l.lab_id, a.area_id;
--> statement-breakpoint
CREATE TRIGGER `openings_counts_ai` AFTER INSERT ON `openings` WHEN new.status = 'open' BEGIN
  INSERT INTO open_opening_counts (kind, lab_id, area_id, n)
  SELECT kind, lab_id, area_id, 1 FROM (SELECT k.kind, l.lab_id, a.area_id FROM
      (SELECT '' AS kind UNION ALL SELECT new.kind) k,
      (SELECT 0 AS lab_id UNION ALL SELECT new.lab_id) l,
      (SELECT 0 AS area_id UNION ALL SELECT oa.area_id FROM opening_areas oa WHERE oa.opening_id = new.id) a) WHERE true
  ON CONFLICT (kind, lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `openings_counts_bd` BEFORE DELETE ON `openings` WHEN old.status = 'open' BEGIN
  UPDATE open_opening_counts SET n = n - 1
  WHERE (kind, lab_id, area_id) IN (SELECT k.kind, l.lab_id, a.area_id FROM
      (SELECT '' AS kind UNION ALL SELECT old.kind) k,
      (SELECT 0 AS lab_id UNION ALL SELECT old.lab_id) l,
      (SELECT 0 AS area_id UNION ALL SELECT oa.area_id FROM opening_areas oa WHERE oa.opening_id = old.id) a);
END;
--> statement-breakpoint
CREATE TRIGGER `openings_counts_au` AFTER UPDATE OF status, kind, lab_id ON `openings`
WHEN old.status IS NOT new.status OR old.kind IS NOT new.kind OR old.lab_id IS NOT new.lab_id BEGIN
  UPDATE open_opening_counts SET n = n - 1
  WHERE old.status = 'open' AND (kind, lab_id, area_id) IN (SELECT k.kind, l.lab_id, a.area_id FROM
      (SELECT '' AS kind UNION ALL SELECT old.kind) k,
      (SELECT 0 AS lab_id UNION ALL SELECT old.lab_id) l,
      (SELECT 0 AS area_id UNION ALL SELECT oa.area_id FROM opening_areas oa WHERE oa.opening_id = old.id) a);
  INSERT INTO open_opening_counts (kind, lab_id, area_id, n)
  SELECT kind, lab_id, area_id, 1 FROM (SELECT k.kind, l.lab_id, a.area_id FROM
      (SELECT '' AS kind UNION ALL SELECT new.kind) k,
      (SELECT 0 AS lab_id UNION ALL SELECT new.lab_id) l,
      (SELECT 0 AS area_id UNION ALL SELECT oa.area_id FROM opening_areas oa WHERE oa.opening_id = new.id) a) WHERE new.status = 'open'
  ON CONFLICT (kind, lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_counts_ai` AFTER INSERT ON `opening_areas` BEGIN
  INSERT INTO open_opening_counts (kind, lab_id, area_id, n)
  SELECT kind, lab_id, new.area_id, 1 FROM (SELECT k.kind, l.lab_id FROM
      (SELECT '' AS kind UNION ALL SELECT x.kind FROM openings x WHERE x.id = new.opening_id) k,
      (SELECT 0 AS lab_id UNION ALL SELECT x.lab_id FROM openings x WHERE x.id = new.opening_id) l
    WHERE EXISTS (SELECT 1 FROM openings x WHERE x.id = new.opening_id AND x.status = 'open')) WHERE true
  ON CONFLICT (kind, lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_counts_ad` AFTER DELETE ON `opening_areas` BEGIN
  UPDATE open_opening_counts SET n = n - 1
  WHERE area_id = old.area_id AND (kind, lab_id) IN (SELECT k.kind, l.lab_id FROM
      (SELECT '' AS kind UNION ALL SELECT x.kind FROM openings x WHERE x.id = old.opening_id) k,
      (SELECT 0 AS lab_id UNION ALL SELECT x.lab_id FROM openings x WHERE x.id = old.opening_id) l
    WHERE EXISTS (SELECT 1 FROM openings x WHERE x.id = old.opening_id AND x.status = 'open'));
END;
--> statement-breakpoint
CREATE TRIGGER `opening_areas_counts_au` AFTER UPDATE ON `opening_areas`
WHEN old.opening_id IS NOT new.opening_id OR old.area_id IS NOT new.area_id BEGIN
  UPDATE open_opening_counts SET n = n - 1
  WHERE area_id = old.area_id AND (kind, lab_id) IN (SELECT k.kind, l.lab_id FROM
      (SELECT '' AS kind UNION ALL SELECT x.kind FROM openings x WHERE x.id = old.opening_id) k,
      (SELECT 0 AS lab_id UNION ALL SELECT x.lab_id FROM openings x WHERE x.id = old.opening_id) l
    WHERE EXISTS (SELECT 1 FROM openings x WHERE x.id = old.opening_id AND x.status = 'open'));
  INSERT INTO open_opening_counts (kind, lab_id, area_id, n)
  SELECT kind, lab_id, new.area_id, 1 FROM (SELECT k.kind, l.lab_id FROM
      (SELECT '' AS kind UNION ALL SELECT x.kind FROM openings x WHERE x.id = new.opening_id) k,
      (SELECT 0 AS lab_id UNION ALL SELECT x.lab_id FROM openings x WHERE x.id = new.opening_id) l
    WHERE EXISTS (SELECT 1 FROM openings x WHERE x.id = new.opening_id AND x.status = 'open')) WHERE true
  ON CONFLICT (kind, lab_id, area_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `open_opening_counts_content_version_ai` AFTER INSERT ON `open_opening_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `open_opening_counts_content_version_au` AFTER UPDATE ON `open_opening_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `open_opening_counts_content_version_ad` AFTER DELETE ON `open_opening_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
