-- publication_counts: how many publications there are per (area_id, year),
-- 0 meaning "any" — (0, 0) is every publication, (area, 0) an area, (0, year)
-- a year, (area, year) both; a publication without an area counts under area
-- 0 only. /publications reads its total here for no filter, an area, a year
-- or both, instead of counting every matching publication on each request
-- (bench/README.md). The triggers add or remove one publication's
-- keys. Rows whose n fell to 0 stay; a missing row is 0. Like every table a
-- public page reads, it bumps the content version (db/migrations/0011).

INSERT INTO `publication_counts` (`area_id`, `year`, `n`)
SELECT k.area_id, k.year, count(*) FROM (
  SELECT 0 AS area_id, 0 AS year FROM publications
  UNION ALL SELECT 0, year FROM publications
  UNION ALL SELECT area_id, 0 FROM publications WHERE area_id IS NOT NULL
  UNION ALL SELECT area_id, year FROM publications WHERE area_id IS NOT NULL
) k GROUP BY k.area_id, k.year;
--> statement-breakpoint
CREATE TRIGGER `publications_counts_ai` AFTER INSERT ON `publications` BEGIN
  INSERT INTO publication_counts (area_id, year, n)
  SELECT k.area_id, k.year, 1 FROM (
    SELECT 0 AS area_id, 0 AS year
    UNION ALL SELECT 0, new.year
    UNION ALL SELECT new.area_id, 0 WHERE new.area_id IS NOT NULL
    UNION ALL SELECT new.area_id, new.year WHERE new.area_id IS NOT NULL
  ) k WHERE true
  ON CONFLICT (area_id, year) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `publications_counts_ad` AFTER DELETE ON `publications` BEGIN
  UPDATE publication_counts SET n = n - 1
  WHERE (area_id, year) IN (
    SELECT 0, 0
    UNION ALL SELECT 0, old.year
    UNION ALL SELECT old.area_id, 0 WHERE old.area_id IS NOT NULL
    UNION ALL SELECT old.area_id, old.year WHERE old.area_id IS NOT NULL
  );
END;
--> statement-breakpoint
CREATE TRIGGER `publications_counts_au` AFTER UPDATE OF year, area_id ON `publications`
WHEN new.year IS NOT old.year OR new.area_id IS NOT old.area_id BEGIN
  UPDATE publication_counts SET n = n - 1
  WHERE (area_id, year) IN (
    SELECT 0, 0
    UNION ALL SELECT 0, old.year
    UNION ALL SELECT old.area_id, 0 WHERE old.area_id IS NOT NULL
    UNION ALL SELECT old.area_id, old.year WHERE old.area_id IS NOT NULL
  );
  INSERT INTO publication_counts (area_id, year, n)
  SELECT k.area_id, k.year, 1 FROM (
    SELECT 0 AS area_id, 0 AS year
    UNION ALL SELECT 0, new.year
    UNION ALL SELECT new.area_id, 0 WHERE new.area_id IS NOT NULL
    UNION ALL SELECT new.area_id, new.year WHERE new.area_id IS NOT NULL
  ) k WHERE true
  ON CONFLICT (area_id, year) DO UPDATE SET n = n + 1;
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
