-- Renaming a research area must reach full-text search: people_fts.areas and
-- openings_fts.areas hold area *names* (see 0001_fts.sql), and until now only
-- changes to researcher_areas / opening_areas refreshed them. These triggers
-- rebuild the `areas` column of every researcher and opening in the renamed
-- area (found through the (area_id, …) indexes of the join tables).

CREATE TRIGGER `research_areas_people_fts_au` AFTER UPDATE OF name ON `research_areas`
WHEN old.name IS NOT new.name BEGIN
  UPDATE people_fts SET areas = coalesce((SELECT group_concat(a.name, ' ') FROM researcher_areas ra JOIN research_areas a ON a.id = ra.area_id WHERE ra.researcher_id = people_fts.rowid), '')
  WHERE rowid IN (SELECT ra.researcher_id FROM researcher_areas ra WHERE ra.area_id = new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `research_areas_openings_fts_au` AFTER UPDATE OF name ON `research_areas`
WHEN old.name IS NOT new.name BEGIN
  UPDATE openings_fts SET areas = coalesce((SELECT group_concat(a.name, ' ') FROM opening_areas oa JOIN research_areas a ON a.id = oa.area_id WHERE oa.opening_id = openings_fts.rowid), '')
  WHERE rowid IN (SELECT oa.opening_id FROM opening_areas oa WHERE oa.area_id = new.id);
END;
