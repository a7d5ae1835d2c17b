-- publication_counts gains a type: (area_id, year, type), 0 / '' meaning
-- "any", so /publications?type=… (and a type with an area and/or a year) reads
-- its total from one row instead of counting every match (bench/README.md).
-- Written by hand: the table is rebuilt with a wider key, which the triggers
-- of migration 0029 name, so they are written again for the eight keys of a
-- publication (its area or any × its year or any × its type or any, without
-- the area keys when it has no area), and the counts are taken from scratch.
-- Like every table a public page reads, it bumps the content version
-- (db/migrations/0011).
DROP TRIGGER `publications_counts_ai`;--> statement-breakpoint
DROP TRIGGER `publications_counts_ad`;--> statement-breakpoint
DROP TRIGGER `publications_counts_au`;--> statement-breakpoint
DROP TABLE `publication_counts`;--> statement-breakpoint
CREATE TABLE `publication_counts` (
	`area_id` integer NOT NULL,
	`year` integer NOT NULL,
	`type` text DEFAULT '' NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`area_id`, `year`, `type`)
);
--> statement-breakpoint
INSERT INTO `publication_counts` (`area_id`, `year`, `type`, `n`)
SELECT CASE WHEN fa.f THEN p.area_id ELSE 0 END,
       CASE WHEN fy.f THEN p.year ELSE 0 END,
       CASE WHEN ft.f THEN p.type ELSE '' END,
       count(*)
FROM publications p,
     (SELECT 0 AS f UNION ALL SELECT 1) fa,
     (SELECT 0 AS f UNION ALL SELECT 1) fy,
     (SELECT 0 AS f UNION ALL SELECT 1) ft
WHERE NOT (fa.f AND p.area_id IS NULL)
GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `publications_counts_ai` AFTER INSERT ON `publications` BEGIN
  INSERT INTO publication_counts (area_id, year, type, n)
  SELECT a.k, y.k, t.k, 1
  FROM (SELECT 0 AS k UNION ALL SELECT new.area_id WHERE new.area_id IS NOT NULL) a,
       (SELECT 0 AS k UNION ALL SELECT new.year) y,
       (SELECT '' AS k UNION ALL SELECT new.type) t
  WHERE true
  ON CONFLICT (area_id, year, type) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publications_counts_ad` AFTER DELETE ON `publications` BEGIN
  UPDATE publication_counts SET n = n - 1
  WHERE (area_id, year, type) IN (
    SELECT a.k, y.k, t.k
    FROM (SELECT 0 AS k UNION ALL SELECT old.area_id WHERE old.area_id IS NOT NULL) a,
       (SELECT 0 AS k UNION ALL SELECT old.year) y,
       (SELECT '' AS k UNION ALL SELECT old.type) t
  );
END;
--> statement-breakpoint
CREATE TRIGGER `publications_counts_au` AFTER UPDATE OF year, area_id, type ON `publications`
WHEN new.year IS NOT old.year OR new.area_id IS NOT old.area_id OR new.type IS NOT old.type BEGIN
  UPDATE publication_counts SET n = n - 1
  WHERE (area_id, year, type) IN (
    SELECT a.k, y.k, t.k
    FROM (SELECT 0 AS k UNION ALL SELECT old.area_id WHERE old.area_id IS NOT NULL) a,
       (SELECT 0 AS k UNION ALL SELECT old.year) y,
       (SELECT '' AS k UNION ALL SELECT old.type) t
  );
  INSERT INTO publication_counts (area_id, year, type, n)
  SELECT a.k, y.k, t.k, 1
  FROM (SELECT 0 AS k UNION ALL SELECT new.area_id WHERE new.area_id IS NOT NULL) a,
       (SELECT 0 AS k UNION ALL SELECT new.year) y,
       (SELECT '' AS k UNION ALL SELECT new.type) t
  WHERE true
  ON CONFLICT (area_id, year, type) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_counts_content_version_ai` AFTER INSERT ON `publication_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_counts_content_version_au` AFTER UPDATE ON `publication_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publication_counts_content_version_ad` AFTER DELETE ON `publication_counts` BEGIN
  UPDATE content_version SET version = version + 1 WHERE id = 1;
END;
